/**
 * The external system behind one sink node, as the sink's subtasks see it: what has been written
 * (and is visible), and what can still be duplicated by a replay.
 *
 * - At-least-once: a record is written at once. The ledger remembers, per subtask, the records
 *   written since the subtask's last snapshot that belongs to a completed checkpoint. When the
 *   job restores from a checkpoint, those records are "at risk": their replays will be written
 *   again. A written record that matches one at risk (same key, value, timestamp) is marked
 *   `replayed`: it is a duplicate of what the sink already wrote before the failure.
 * - Exactly-once (two-phase commit): records of a transaction become visible when the transaction
 *   is committed (after its checkpoint completed); commits are idempotent per transaction id, as
 *   a real transactional sink must be for a restore to commit what it finds in the state again.
 */
import type { SinkRecord } from '../api';

const signature = (r: SinkRecord): string => JSON.stringify([r.key, r.value, r.timestamp]);

export class SinkLedger {
  /** Visible (written or committed) records; trimmed to the latest `limit`. */
  readonly out: SinkRecord[] = [];
  /** Records written per subtask (an ever-growing position). */
  private readonly written = new Map<number, number>();
  /** Per subtask: records written since the last safe position, with their position. */
  private readonly recent = new Map<number, { pos: number; sig: string }[]>();
  private readonly atRisk = new Map<string, number>();
  private readonly committed = new Set<string>();
  /** Uncommitted records per subtask (exactly-once), shown as pending. */
  readonly pending = new Map<number, () => SinkRecord[]>();
  total = 0;

  constructor(private readonly limit: number) {}

  position(subtask: number): number {
    return this.written.get(subtask) ?? 0;
  }

  /** Writes a record (visible at once); marks it replayed when it duplicates one at risk. */
  write(r: SinkRecord): void {
    const sig = signature(r);
    const risk = this.atRisk.get(sig);
    if (risk !== undefined) {
      r.replayed = true;
      if (risk <= 1) this.atRisk.delete(sig);
      else this.atRisk.set(sig, risk - 1);
    }
    const pos = this.position(r.subtask);
    this.written.set(r.subtask, pos + 1);
    let list = this.recent.get(r.subtask);
    if (!list) this.recent.set(r.subtask, (list = []));
    list.push({ pos, sig });
    this.append(r);
  }

  private append(r: SinkRecord): void {
    this.total++;
    const limit = this.limit;
    if (limit <= 0) return;
    if (this.out.length >= 2 * limit) this.out.splice(0, this.out.length - limit + 1);
    this.out.push(r);
  }

  /** The records of `subtask` before `pos` are covered by a completed checkpoint: forget them. */
  safe(subtask: number, pos: number): void {
    const list = this.recent.get(subtask);
    if (!list) return;
    let i = 0;
    while (i < list.length && list[i].pos < pos) i++;
    if (i > 0) list.splice(0, i);
  }

  /** The subtask restores to position `pos`: what it wrote after that will be written again. */
  rewind(subtask: number, pos: number): void {
    const list = this.recent.get(subtask);
    if (!list) return;
    const keep: { pos: number; sig: string }[] = [];
    for (const e of list) {
      if (e.pos >= pos) this.atRisk.set(e.sig, (this.atRisk.get(e.sig) ?? 0) + 1);
      else keep.push(e);
    }
    this.recent.set(subtask, keep);
  }

  /** Commits a transaction once (idempotent by `${subtask}:${id}`). Returns false if it was committed. */
  commit(subtask: number, id: number, records: SinkRecord[]): boolean {
    const txn = `${subtask}:${id}`;
    if (this.committed.has(txn)) return false;
    this.committed.add(txn);
    for (const r of records) this.append(r);
    return true;
  }

  /** Uncommitted records of every subtask, in subtask order. */
  pendingRecords(): SinkRecord[] {
    return [...this.pending.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, f]) => f());
  }
}
