import type { Key } from '../../../engine/api';

/** Which explanation to show: a whole window operator, or one open window of one subtask. */
export interface ExplainTarget {
  node: string;
  window?: { subtask: number; key: Key; start: number; end: number };
}

/**
 * The open explanation, shared by the places that open it (a window row in the State view, a
 * window operator on the canvas) and the dialog that shows it (in the run panel).
 */
class ExplainRequest {
  target = $state.raw<ExplainTarget | null>(null);
  open(target: ExplainTarget) {
    this.target = target;
  }
  close() {
    this.target = null;
  }
}

export const explainRequest = new ExplainRequest();
