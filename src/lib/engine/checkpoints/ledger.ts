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
  private readonly written: number[] = [];
  /**
   * Per subtask: the records written since the last safe position (recentBase), kept only while
   * `tracking` (checkpointing on, failures scheduled, or a traced run such as the UI's).
   */
  private readonly recent: SinkRecord[][] = [];
  private readonly recentBase: number[] = [];
  private readonly atRisk = new Map<string, number>();
  private readonly committed = new Set<string>();
  /** Uncommitted records per subtask (exactly-once), shown as pending. */
  readonly pending = new Map<number, () => SinkRecord[]>();
  total = 0;
  /**
   * A written record would be neither kept (limit 0) nor remembered (not tracking), and nothing
   * can be at risk: a sink may `count` instead of building and writing it.
   */
  readonly countsOnly: boolean;

  constructor(
    private readonly limit: number,
    private readonly tracking: boolean,
  ) {
    this.countsOnly = limit <= 0 && !tracking;
  }

  position(subtask: number): number {
    return this.written[subtask] ?? 0;
  }

  /** Writes a record (visible at once); marks it replayed when it duplicates one at risk. */
  write(r: SinkRecord): void {
    if (this.atRisk.size > 0) {
      const sig = signature(r);
      const risk = this.atRisk.get(sig);
      if (risk !== undefined) {
        r.replayed = true;
        if (risk <= 1) this.atRisk.delete(sig);
        else this.atRisk.set(sig, risk - 1);
      }
    }
    const st = r.subtask;
    this.written[st] = (this.written[st] ?? 0) + 1;
    if (this.tracking) {
      let list = this.recent[st];
      if (!list) {
        this.recent[st] = list = [];
        this.recentBase[st] = this.written[st] - 1;
      }
      list.push(r);
    }
    this.append(r);
  }

  /** What `write` does to the positions and the total, for a ledger that `countsOnly`. */
  count(subtask: number): void {
    this.written[subtask] = (this.written[subtask] ?? 0) + 1;
    this.total++;
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
    const list = this.recent[subtask];
    if (!list) return;
    const n = Math.min(list.length, pos - this.recentBase[subtask]);
    if (n <= 0) return;
    list.splice(0, n);
    this.recentBase[subtask] += n;
  }

  /** The subtask restores to position `pos`: what it wrote after that will be written again. */
  rewind(subtask: number, pos: number): void {
    const list = this.recent[subtask];
    if (!list) return;
    const from = Math.max(0, pos - this.recentBase[subtask]);
    for (let i = from; i < list.length; i++) {
      const sig = signature(list[i]);
      this.atRisk.set(sig, (this.atRisk.get(sig) ?? 0) + 1);
    }
    // What came before `pos` is covered by the restored (completed) checkpoint. Positions go on
    // growing from here; a later rewind to an older position counts everything since as at risk.
    list.length = 0;
    this.recentBase[subtask] = this.position(subtask);
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
