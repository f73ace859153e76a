import type { SinkRecord } from '../api';
import type { SinkLedger } from '../checkpoints/ledger';
import type { Operator, OperatorContext, OperatorFactory, StreamRecord } from './types';

interface SinkState {
  /** At-least-once: records this subtask had written at the snapshot. */
  pos: number;
  /** Exactly-once: pre-committed transactions not known to be committed yet. */
  txns: { id: number; records: SinkRecord[] }[];
}

/**
 * tableSink / logSink / chartSink: collect every record with its processing time, subtask and,
 * for window results, the window and firing.
 *
 * - at-least-once (the default): a record is written at once. After a recovery, the records
 *   replayed from the restored checkpoint are written again, marked `replayed`.
 * - exactly-once: Flink's two-phase commit (TwoPhaseCommitSinkFunction): records go into an open
 *   transaction (pending, not visible); at a checkpoint barrier the transaction is pre-committed
 *   and kept in the snapshot, a new one opens; when the checkpoint completes it is committed
 *   (visible). A failure discards the open transaction; a restore commits the pre-committed
 *   transactions found in the state (commits are idempotent). At the end of input the final
 *   checkpoint commits the rest.
 */
class SinkSubtask implements Operator {
  private openTxn: SinkRecord[] = [];
  private txns: { id: number; records: SinkRecord[] }[] = [];
  /** Ledger position at each snapshot, until its checkpoint completes. */
  private marks: { id: number; pos: number }[] = [];
  /** At-least-once into a ledger that keeps nothing (sinkLimit 0, untraced): only counted. */
  private readonly countOnly: boolean;

  constructor(
    private readonly sink: string,
    private readonly subtask: number,
    private readonly ledger: SinkLedger,
    private readonly exactlyOnce: boolean,
  ) {
    this.countOnly = !exactlyOnce && ledger.countsOnly;
    if (exactlyOnce)
      ledger.pending.set(subtask, () => [...this.txns.flatMap((t) => t.records), ...this.openTxn]);
  }

  /** A prototype getter, not a field: run images and snapshots read the data fields only. */
  get fuse(): Operator['fuse'] {
    if (!this.countOnly) return undefined;
    const ledger = this.ledger;
    const subtask = this.subtask;
    return { type: 'count', count: () => ledger.count(subtask) };
  }

  processRecord(_port: string, r: StreamRecord, ctx: OperatorContext): void {
    if (this.countOnly) {
      this.ledger.count(this.subtask);
      return;
    }
    const rec: SinkRecord = {
      sink: this.sink,
      subtask: this.subtask,
      key: r.key,
      value: r.value,
      timestamp: r.timestamp,
      processingTime: ctx.now,
    };
    if (r.pane !== null) {
      rec.window = r.pane.window;
      rec.firing = r.pane.firing;
    }
    if (this.exactlyOnce) this.openTxn.push(rec);
    else this.ledger.write(rec);
    if (ctx.tracing) {
      const ev: Extract<Parameters<OperatorContext['trace']>[0], { type: 'sink' }> = {
        type: 'sink',
        time: rec.processingTime,
        node: this.sink,
        subtask: this.subtask,
        key: r.key,
        value: r.value,
        timestamp: r.timestamp,
      };
      if (r.pane !== null) {
        ev.window = r.pane.window;
        ev.firing = r.pane.firing;
      }
      if (rec.replayed) ev.replayed = true;
      if (this.exactlyOnce) ev.pending = true;
      ctx.trace(ev);
    }
  }

  snapshot(checkpointId: number): SinkState {
    if (this.exactlyOnce) {
      if (this.openTxn.length > 0) this.txns.push({ id: checkpointId, records: this.openTxn });
      this.openTxn = [];
      return { pos: 0, txns: this.txns };
    }
    const pos = this.ledger.position(this.subtask);
    this.marks.push({ id: checkpointId, pos });
    return { pos, txns: [] };
  }

  restore(state: SinkState): void {
    if (this.exactlyOnce) {
      // The checkpoint being restored completed, so its transactions were meant to be committed.
      for (const t of state.txns) this.ledger.commit(this.subtask, t.id, t.records);
    } else this.ledger.rewind(this.subtask, state.pos);
  }

  notifyCheckpointComplete(checkpointId: number, ctx: OperatorContext): void {
    if (this.exactlyOnce) {
      const done = this.txns.filter((t) => t.id <= checkpointId);
      this.txns = this.txns.filter((t) => t.id > checkpointId);
      for (const t of done) {
        if (this.ledger.commit(this.subtask, t.id, t.records) && ctx.tracing) {
          ctx.trace({
            type: 'checkpoint',
            time: ctx.now,
            node: this.sink,
            subtask: this.subtask,
            checkpoint: t.id,
            action: 'commit',
            size: t.records.length,
          });
        }
      }
      return;
    }
    let pos = -1;
    for (const m of this.marks) if (m.id <= checkpointId) pos = m.pos;
    this.marks = this.marks.filter((m) => m.id > checkpointId);
    if (pos >= 0) this.ledger.safe(this.subtask, pos);
  }

  inspect(): unknown {
    return { pending: this.openTxn.length + this.txns.reduce((a, t) => a + t.records.length, 0) };
  }
}

export const sinkOperator: OperatorFactory = (node, setup) => {
  const ledger = setup.sinkLedger(node.id);
  const exactlyOnce = (node.config as { guarantee?: string }).guarantee === 'exactly-once';
  return (subtask) => new SinkSubtask(node.id, subtask, ledger, exactlyOnce);
};
