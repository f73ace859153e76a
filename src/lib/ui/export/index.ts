/**
 * Export to real Flink: the button for the header. It loads the dialog (and the exporters and
 * CodeMirror with it) only when clicked, so none of them is part of the first load.
 */
export { default as ExportButton } from './ExportButton.svelte';
