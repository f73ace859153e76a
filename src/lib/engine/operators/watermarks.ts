/**
 * watermarks (assignTimestampsAndWatermarks, Flink's TimestampsAndWatermarksOperator): sets each
 * record's timestamp from the expression and generates watermarks with its strategy, periodically
 * every autoWatermarkInterval ms of processing time (or after every record when it is 0). Upstream
 * watermarks are ignored, except the final MAX watermark, which is forwarded (as Flink does, so
 * that the end of a bounded input still fires everything downstream). Upstream idleness is not
 * forwarded; the node's own strategy decides idleness.
 *
 * In BATCH runtime mode the node only sets timestamps: like Flink's operator without progressive
 * watermarks, it generates none (no periodic emission, no idleness), and the end of input's +∞
 * is the only watermark it passes on.
 */
import type { NodeOf } from '../../pipeline/types';
import { MAX_WATERMARK } from '../time';
import { WatermarkGenerator, type WatermarkOutput } from '../watermarks';
import type { OperatorContext, OperatorFactory } from './types';
import { captureFields, restoreFields } from '../checkpoints/state';

const PERIODIC = '__periodicWatermark';

export const watermarksOperator: OperatorFactory = (node, setup) => {
  const c = (node as NodeOf<'watermarks'>).config;
  const f = setup.compile(c.timestamp, 'config.timestamp');
  const interval = setup.settings.autoWatermarkInterval;
  const generates = c.strategy.type !== 'none' && setup.settings.runtimeMode !== 'BATCH';
  return () => {
    const gen = new WatermarkGenerator(c.strategy, interval === 0);
    const period = generates ? gen.periodFor(interval) : null;
    let ctxRef: OperatorContext | null = null;
    let ended = false;
    let pending: number | null = null;
    const out: WatermarkOutput = {
      emitWatermark: (wm) => ctxRef?.emitWatermark(wm),
      markIdle: () => ctxRef?.emitIdle(true),
    };
    return {
      forwardsWatermarks: false,
      open(ctx) {
        ctxRef = ctx;
        if (period !== null) {
          pending = ctx.now + period;
          ctx.timers.registerProcessingTimeTimer(pending, null, PERIODIC);
        }
      },
      processRecord(_port, r, ctx) {
        ctxRef = ctx;
        const t = f(r.value, r.key, r.timestamp);
        if (typeof t !== 'number' || !Number.isFinite(t)) {
          ctx.error(`config.timestamp gave ${String(t)}, not a number of ms; record dropped`);
          return;
        }
        const ts = Math.floor(t);
        ctx.emit(r.key, r.value, ts);
        if (generates) gen.onEvent(ts, out);
      },
      onTimer(timer, ctx) {
        if (timer.namespace !== PERIODIC || ended || period === null) return;
        ctxRef = ctx;
        gen.onPeriodicEmit(ctx.now, out);
        pending = ctx.now + period;
        ctx.timers.registerProcessingTimeTimer(pending, null, PERIODIC);
      },
      onWatermark(wm, ctx) {
        if (wm === MAX_WATERMARK) ctx.emitWatermark(MAX_WATERMARK);
      },
      // Checkpoints: the generator's progress and the periodic timer's time.
      snapshot() {
        return { gen: captureFields(gen), ended, pending };
      },
      restore(st: { gen: Record<string, unknown>; ended: boolean; pending: number | null }) {
        restoreFields(gen, st.gen);
        ended = st.ended;
        pending = st.pending;
      },
      onEnd(ctx) {
        ended = true;
        if (pending !== null) ctx.timers.deleteProcessingTimeTimer(pending, null, PERIODIC);
        pending = null;
      },
    };
  };
};
