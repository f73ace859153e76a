/**
 * A read-only CodeMirror 6 view for generated Flink code (SQL, Java; XML shown plain). Loaded
 * with a dynamic import by CodeView.svelte when the Export dialog opens, so CodeMirror and its
 * grammars are chunks of their own and not part of the first load.
 */
import {
  EditorState,
  RangeSetBuilder,
  StateField,
  type Extension,
  type Text,
} from '@codemirror/state';
import { Decoration, EditorView, lineNumbers, type DecorationSet } from '@codemirror/view';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { java } from '@codemirror/lang-java';
import { MySQL, SQLDialect, sql } from '@codemirror/lang-sql';
import { tags as t } from '@lezer/highlight';

/**
 * Flink SQL quotes identifiers with backticks, as MySQL does; its windowing words are keywords
 * too. Only for colouring: the export's SQL is checked by a real Flink SQL parser in the tests.
 */
const FlinkSQL = SQLDialect.define({
  ...MySQL.spec,
  keywords: `${MySQL.spec.keywords ?? ''} interval watermark tumble hop cumulate session descriptor temporary view statement`,
});

/** Colours come from CSS variables set by CodeView.svelte, so light and dark both read well. */
const highlight = HighlightStyle.define([
  {
    tag: [t.keyword, t.operatorKeyword, t.controlKeyword, t.modifier, t.definitionKeyword],
    color: 'var(--cm-keyword)',
  },
  { tag: [t.string, t.special(t.string)], color: 'var(--cm-string)' },
  { tag: [t.number, t.bool, t.null], color: 'var(--cm-number)' },
  { tag: [t.typeName, t.className, t.standard(t.name)], color: 'var(--cm-type)' },
  { tag: [t.annotation, t.meta], color: 'var(--cm-type)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--cm-function)' },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: 'var(--cm-comment)' },
]);

const theme = EditorView.theme({
  '&': {
    background: 'var(--bg)',
    color: 'var(--text)',
    fontSize: '12px',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    maxHeight: '50vh',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.45', overflow: 'auto' },
  '.cm-content': { padding: '8px 0' },
  '.cm-content:focus-visible': { outline: '2px solid var(--accent)', outlineOffset: '-2px' },
  '.cm-line': { padding: '0 12px' },
  '.cm-note-line': {
    background: 'var(--cm-note)',
    boxShadow: 'inset 3px 0 0 var(--window)',
  },
  '.cm-gutters': {
    background: 'var(--surface-2)',
    color: 'var(--text-muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': {
    background: 'var(--cm-selection) !important',
  },
});

/**
 * Lines with a `NOTE:` comment (where the export is not exact, the same text as in the notes
 * list above the code) are marked, so a reader finds each note at its place.
 */
const noteLine = Decoration.line({ class: 'cm-note-line' });
function noteLines(doc: Text): DecorationSet {
  const b = new RangeSetBuilder<Decoration>();
  for (let i = 1; i <= doc.lines; i++) {
    const line = doc.line(i);
    if (/^\s*(--|\/\/) NOTE: /.test(line.text)) b.add(line.from, line.from, noteLine);
  }
  return b.finish();
}
const notes = StateField.define<DecorationSet>({
  create: (state) => noteLines(state.doc),
  update: (deco, tr) => (tr.docChanged ? noteLines(tr.state.doc) : deco),
  provide: (f) => EditorView.decorations.from(f),
});

function language(lang: 'sql' | 'java' | 'xml'): Extension {
  if (lang === 'sql') return sql({ dialect: FlinkSQL });
  if (lang === 'java') return java();
  return [];
}

export interface CodeViewHandle {
  setText(text: string): void;
  /** Scrolls the first line containing `text` to the middle and selects it; false if none. */
  reveal(text: string): boolean;
  destroy(): void;
}

/** Shows `text` read-only in `parent`; the text can be selected, scrolled and searched. */
export function createCodeView(
  parent: HTMLElement,
  text: string,
  lang: 'sql' | 'java' | 'xml',
  label: string,
): CodeViewHandle {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        language(lang),
        syntaxHighlighting(highlight),
        notes,
        theme,
        EditorState.readOnly.of(true),
        EditorView.editable.of(false),
        // Focusable, so keyboard users can scroll it; named, so screen readers say what it is.
        EditorView.contentAttributes.of({
          tabindex: '0',
          'aria-label': label,
          'aria-readonly': 'true',
          'aria-multiline': 'true',
        }),
      ],
    }),
  });
  return {
    setText(next: string) {
      if (next !== view.state.doc.toString())
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    reveal(text: string) {
      const at = view.state.doc.toString().indexOf(text);
      if (at < 0) return false;
      const line = view.state.doc.lineAt(at);
      view.dispatch({
        selection: { anchor: line.from, head: line.to },
        effects: EditorView.scrollIntoView(line.from, { y: 'center' }),
      });
      return true;
    },
    destroy: () => view.destroy(),
  };
}
