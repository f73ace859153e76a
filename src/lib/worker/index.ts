/** The Web Worker entry (engine.worker.ts) and the typed protocol between engine and UI. */
export type { ToWorker, FromWorker, RunSnapshot, StepTarget, Speed } from './protocol';
export { RunSession } from './session';
