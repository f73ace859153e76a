import { t } from '../../i18n';
import { engineText } from '../engine-text';

/** Values of a step note that are words (not ids or numbers), translated themselves. */
const WORDS = new Set(['firing', 'domain', 'stateType', 'type']);
/** Values that are sentences of the engine (why a record was dropped, a failure's cause). */
const SENTENCES = new Set(['reason', 'message', 'cause']);

/** The note of the last step in the UI's language. */
export function stepNoteText(note: {
  text: string;
  values: Record<string, string | number>;
}): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(note.values)) {
    if (typeof v !== 'string') values[k] = v;
    else if (WORDS.has(k)) values[k] = t(v);
    else if (SENTENCES.has(k)) values[k] = engineText(v);
    else values[k] = v;
  }
  return t(note.text, values);
}
