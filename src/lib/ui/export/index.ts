/** Export to real Flink: the button for the header and the dialog it opens. */
export { default as ExportButton } from './ExportButton.svelte';
export { default as ExportDialog } from './ExportDialog.svelte';
