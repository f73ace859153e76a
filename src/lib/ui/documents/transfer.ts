import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import {
  parseDocumentText,
  userCode,
  type PipelineDocument,
  type Problem,
  type UserCode,
} from '../../pipeline';

/**
 * A document arriving from outside (an imported file, a share link): either refused with what is
 * wrong and where, or accepted together with the code it carries, which the user must see and
 * accept before it can run.
 */
export type Incoming =
  | {
      ok: true;
      doc: PipelineDocument;
      /** Graph problems (a draft, e.g. an unconnected node): opened, shown in the problems list. */
      problems: Problem[];
      code: UserCode[];
    }
  | { ok: false; problems: Problem[] };

/** Reads a document from JSON text, with the validation of src/lib/pipeline. */
export function readDocument(text: string): Incoming {
  const result = parseDocumentText(text);
  const doc = result.doc;
  if (!doc) return { ok: false, problems: result.problems };
  return { ok: true, doc, problems: result.problems, code: userCode(doc) };
}

/** The fragment key of a share link: `#doc=<lz-string, URI-safe>`. */
export const SHARE_KEY = 'doc';

/** The URL fragment (with `#`) carrying a document, compressed. */
export function shareFragment(doc: PipelineDocument): string {
  return `#${SHARE_KEY}=${compressToEncodedURIComponent(JSON.stringify(doc))}`;
}

/** A share link: the page address without its own fragment, plus the document's. */
export function shareLink(pageUrl: string, doc: PipelineDocument): string {
  return pageUrl.replace(/#.*$/, '') + shareFragment(doc);
}

/**
 * The document in a URL fragment, if it carries one (null when it carries none). A fragment
 * that does not decompress is refused like a malformed file.
 */
export function readShareFragment(hash: string): Incoming | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const packed = params.get(SHARE_KEY);
  if (packed === null) return null;
  // URLSearchParams turns '+' into a space; the URI-safe alphabet uses '+'.
  const text = decompressFromEncodedURIComponent(packed.replace(/ /g, '+'));
  if (!text)
    return {
      ok: false,
      problems: [
        {
          message:
            'link: the pipeline in this link cannot be unpacked; the link is cut off or was changed. Ask for the link again.',
        },
      ],
    };
  return readDocument(text);
}

/** The file name an exported document gets: its name, made safe for file systems. */
export function exportFileName(doc: PipelineDocument): string {
  const stem = doc.name
    .trim()
    .replace(/[^\p{L}\p{N}._ -]+/gu, '')
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${stem || 'pipeline'}.streamlab.json`;
}
