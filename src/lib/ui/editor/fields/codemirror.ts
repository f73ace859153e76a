/**
 * CodeMirror 6 set up for one-line-ish JavaScript expressions. Loaded with a dynamic import by
 * CodeEditor.svelte, so it is a chunk of its own and not part of the first load.
 */
import { t as translate } from '../../../i18n';
import { Compartment, EditorState, Transaction } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  ViewPlugin,
  keymap,
  drawSelection,
  placeholder,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascriptLanguage } from '@codemirror/lang-javascript';
import {
  HighlightStyle,
  bracketMatching,
  syntaxHighlighting,
  syntaxTree,
} from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

/** Colours come from CSS variables set by CodeEditor.svelte, so light and dark both read well. */
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.controlKeyword], color: 'var(--cm-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--cm-string)' },
  { tag: [t.number, t.bool, t.null], color: 'var(--cm-number)' },
  { tag: [t.propertyName], color: 'var(--cm-property)' },
  { tag: [t.variableName], color: 'var(--cm-variable)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--cm-function)' },
  { tag: [t.comment], color: 'var(--text-muted)', fontStyle: 'italic' },
  { tag: [t.invalid], color: 'var(--danger)', textDecoration: 'underline wavy' },
]);

const theme = EditorView.theme({
  '&': {
    border: '1px solid var(--border)',
    borderRadius: '5px',
    background: 'var(--surface)',
    color: 'var(--text)',
    fontSize: '12.5px',
  },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '1px' },
  '.cm-content': { fontFamily: 'var(--mono)', padding: '5px 0', caretColor: 'var(--text)' },
  '.cm-line': { padding: '0 7px' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': {
    background: 'var(--cm-selection) !important',
  },
  '.cm-placeholder': { color: 'var(--text-muted)' },
  '.cm-syntax-error': {
    textDecoration: 'underline wavy var(--danger)',
    textUnderlineOffset: '3px',
    background: 'color-mix(in srgb, var(--danger) 14%, transparent)',
  },
  '&.cm-focused .cm-matchingBracket': { background: 'var(--cm-selection)', outline: 'none' },
});

const errorMark = Decoration.mark({ class: 'cm-syntax-error' });

/**
 * Underlines where the parser gave up. Only switched on when the engine's own compile check
 * fails (an object literal such as `{ a: 1 }` is fine as an expression but not as a script).
 */
const errorMarks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = this.build(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || syntaxTree(u.startState) !== syntaxTree(u.state))
        this.decorations = this.build(u.view);
    }
    build(view: EditorView): DecorationSet {
      const marks: { from: number; to: number }[] = [];
      const length = view.state.doc.length;
      syntaxTree(view.state).iterate({
        enter: (node) => {
          if (!node.type.isError) return;
          // An error of no width (text missing at the end) marks the character before it.
          const from = node.from === node.to ? Math.max(0, node.from - 1) : node.from;
          const to = Math.min(length, Math.max(node.to, from + 1));
          if (from < to) marks.push({ from, to });
        },
      });
      return Decoration.set(
        marks.map((m) => errorMark.range(m.from, m.to)),
        true,
      );
    }
  },
  { decorations: (p) => p.decorations },
);

export interface CodeEditorOptions {
  parent: HTMLElement;
  doc: string;
  /** The accessible name of the editor (the field's label). */
  label: string;
  /** Id of the element with the help and the errors. */
  describedBy: string;
  onText: (text: string) => void;
  /** The person is done with an edit: the editor lost focus or Ctrl/Cmd+Enter was pressed. */
  onCommit: () => void;
}

export interface CodeEditorHandle {
  setText(text: string): void;
  setInvalid(invalid: boolean): void;
  hasFocus(): boolean;
  destroy(): void;
}

export function createCodeEditor(o: CodeEditorOptions): CodeEditorHandle {
  const attrs = new Compartment();
  const contentAttrs = (invalid: boolean) => [
    EditorView.contentAttributes.of({
      'aria-label': o.label,
      'aria-describedby': o.describedBy,
      'aria-invalid': String(invalid),
    }),
    invalid ? errorMarks : [],
  ];
  const view = new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.doc,
      extensions: [
        history(),
        drawSelection(),
        bracketMatching(),
        javascriptLanguage,
        syntaxHighlighting(highlight),
        EditorView.lineWrapping,
        placeholder(translate('a JavaScript expression')),
        // Tab is left to the browser (no indentWithTab), so keyboard users can leave the editor.
        keymap.of([
          {
            key: 'Mod-Enter',
            run: () => {
              o.onCommit();
              return true;
            },
          },
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        attrs.of(contentAttrs(false)),
        theme,
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onText(u.state.doc.toString());
          if (u.focusChanged && !u.view.hasFocus) o.onCommit();
        }),
      ],
    }),
  });
  return {
    setText(text) {
      if (text === view.state.doc.toString()) return;
      // A change from outside (undo in the app, another node) is not an edit to undo in here.
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        annotations: Transaction.addToHistory.of(false),
      });
    },
    setInvalid(invalid) {
      view.dispatch({ effects: attrs.reconfigure(contentAttrs(invalid)) });
    },
    hasFocus: () => view.hasFocus,
    destroy: () => view.destroy(),
  };
}
