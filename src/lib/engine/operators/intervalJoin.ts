/**
 * Flink's IntervalJoinOperator: `left.intervalJoin(right).between(lower, upper)`. A left element
 * at time l joins every right element at time r with l + lower <= r <= l + upper (bounds
 * inclusive unless marked exclusive, which moves them by 1 ms, as Flink does). Each element is
 * buffered per key and timestamp and joined with the other side's buffer when it arrives; a
 * result carries timestamp max(l, r). Elements behind the watermark are late and ignored. A
 * cleanup timer per element removes it once the watermark has passed the last time it can still
 * join: l + upper for a left element (l when upper <= 0), r − lower for a right one (r when
 * lower >= 0), exactly as Flink computes it.
 */
import type { Key } from '../api';
import type { NodeOf } from '../../pipeline/types';
import { describeThrown } from '../expressions';
import { MIN_WATERMARK } from '../time';
import { keyId } from './keyedState';
import { replayLegacyLog, type LegacyLog } from '../checkpoints/replayLog';
import type { Operator, OperatorFactory } from './types';
import { compileJoin } from './windowJoin';

type Buffer = Map<number, unknown[]>;

/** An interval join's checkpoint: per key, its left and right buffers as [timestamp, elements]. */
export interface IntervalJoinState {
  v: 1;
  keys: [Key, [number, unknown[]][], [number, unknown[]][]][];
}

export const intervalJoinOperator: OperatorFactory = (node) => {
  const c = (node as NodeOf<'intervalJoin'>).config;
  const join = compileJoin(node as NodeOf<'intervalJoin'>);
  const lower = c.lowerBoundExclusive ? c.lowerBound + 1 : c.lowerBound;
  const upper = c.upperBoundExclusive ? c.upperBound - 1 : c.upperBound;

  return () => {
    const buffers = new Map<string, { key: Key; left: Buffer; right: Buffer }>();
    const buffersOf = (key: Key) => {
      let b = buffers.get(keyId(key));
      if (!b) buffers.set(keyId(key), (b = { key, left: new Map(), right: new Map() }));
      return b;
    };

    const op: Operator = {
      processRecord(port, r, ctx) {
        const isLeft = port !== 'right';
        const ts = r.timestamp;
        if (ts === null) {
          ctx.error(
            'a record has no event timestamp; an interval join needs event timestamps (add a watermark strategy)',
          );
          return;
        }
        const wm = ctx.currentWatermark;
        if (wm !== MIN_WATERMARK && ts < wm) {
          if (ctx.tracing)
            ctx.trace({
              type: 'drop',
              time: ctx.now,
              node: ctx.nodeId,
              subtask: ctx.subtask,
              key: r.key,
              value: r.value,
              timestamp: ts,
              reason: `late: the ${isLeft ? 'left' : 'right'} element's timestamp ${ts} is behind the watermark ${wm}`,
              cause: 'late',
              watermark: wm,
            });
          return;
        }
        const b = buffersOf(r.key);
        const ours = isLeft ? b.left : b.right;
        const other = isLeft ? b.right : b.left;
        const relLower = isLeft ? lower : -upper;
        const relUpper = isLeft ? upper : -lower;
        const bucket = ours.get(ts);
        if (bucket) bucket.push(r.value);
        else ours.set(ts, [r.value]);

        // Flink iterates its MapState buffer; here in ascending timestamp order, for determinism.
        const times = [...other.keys()].sort((x, y) => x - y);
        for (const t of times) {
          if (t < ts + relLower || t > ts + relUpper) continue;
          for (const o of other.get(t)!) {
            let result: unknown;
            try {
              result = isLeft ? join(r.value, o, r.key) : join(o, r.value, r.key);
            } catch (e) {
              ctx.error(`the join expression threw ${describeThrown(e)}; the pair is skipped`);
              continue;
            }
            ctx.emit(r.key, result, Math.max(ts, t));
          }
        }
        const cleanup = relUpper > 0 ? ts + relUpper : ts;
        ctx.timers.registerEventTimeTimer(cleanup, r.key, isLeft ? 'left' : 'right');
      },
      onTimer(timer) {
        const b = buffers.get(keyId(timer.key));
        if (!b) return;
        if (timer.namespace === 'left') b.left.delete(upper <= 0 ? timer.time : timer.time - upper);
        else b.right.delete(lower <= 0 ? timer.time + lower : timer.time);
        if (b.left.size === 0 && b.right.size === 0) buffers.delete(keyId(timer.key));
      },
      // Checkpoints: both buffers per key (timestamp → elements); cleanup timers are the runtime's.
      snapshot(): IntervalJoinState {
        return {
          v: 1,
          keys: [...buffers.values()].map((b) => [b.key, [...b.left], [...b.right]]),
        };
      },
      restore(st: IntervalJoinState | LegacyLog) {
        if (Array.isArray(st)) {
          replayLegacyLog(op, st);
          return;
        }
        buffers.clear();
        for (const [key, left, right] of st.keys)
          buffers.set(keyId(key), { key, left: new Map(left), right: new Map(right) });
      },
      inspect() {
        const plain = (m: Buffer) =>
          [...m.entries()]
            .sort((x, y) => x[0] - y[0])
            .map(([timestamp, values]) => ({ timestamp, values: [...values] }));
        return {
          keys: [...buffers.values()].map((b) => ({
            key: b.key,
            left: plain(b.left),
            right: plain(b.right),
          })),
        };
      },
    };
    return op;
  };
};
