/** The Web Worker entry and the typed protocol between engine and UI. */
export type { ToWorker, FromWorker } from './protocol';
