/** Svelte 5 components: the editor (canvas, palette, inspector); run views and lessons later. */
export { default as PipelineCanvas } from './editor/PipelineCanvas.svelte';
export { default as Palette } from './editor/Palette.svelte';
export { default as Inspector } from './editor/Inspector.svelte';
export { PipelineStore } from './document.svelte';
