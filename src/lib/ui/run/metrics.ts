import { t } from '../../i18n';
import type { ChannelStatus, SubtaskStatus } from '../../engine/api';
import type { PipelineDocument } from '../../pipeline';
import { formatCount } from './format';

/**
 * Figures the metrics panel and the canvas show, computed from snapshots. Pure, unit-tested.
 * Times are virtual processing time (ms); rates are records per second of processing time.
 */

export interface OperatorMetrics {
  node: string;
  /** Records received per second of processing time, over the last `RATE_WINDOW_MS`. */
  inRate: number | null;
  outRate: number | null;
  recordsIn: number;
  recordsOut: number;
  /** Minimum watermark over the subtasks; null when some subtask has none yet. */
  watermark: number | null;
  /** Processing time − watermark; null when there is no watermark (or the input ended). */
  lag: number | null;
  buffered: number;
  blocked: boolean;
}

export const RATE_WINDOW_MS = 2000;
const MAX_SAMPLES = 240;

interface Sample {
  now: number;
  counts: Map<string, { in: number; out: number }>;
}

/** Keeps a short, bounded history of per-node counts to compute rates. */
export class RateTracker {
  private samples: Sample[] = [];

  clear(): void {
    this.samples = [];
  }

  add(now: number, status: SubtaskStatus[]): void {
    const counts = new Map<string, { in: number; out: number }>();
    for (const s of status) {
      const c = counts.get(s.node) ?? { in: 0, out: 0 };
      c.in += s.recordsIn;
      c.out += s.recordsOut;
      counts.set(s.node, c);
    }
    const last = this.samples.at(-1);
    if (last && last.now === now) this.samples[this.samples.length - 1] = { now, counts };
    else this.samples.push({ now, counts });
    // Keep one sample older than the window (the base of the rate) and a bounded number.
    while (this.samples.length > 2 && this.samples[1].now <= now - RATE_WINDOW_MS)
      this.samples.shift();
    if (this.samples.length > MAX_SAMPLES)
      this.samples.splice(0, this.samples.length - MAX_SAMPLES);
  }

  /** Records per second of processing time over the window, or null before time has passed. */
  rate(node: string, which: 'in' | 'out'): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.now <= first.now) return null;
    const a = first.counts.get(node)?.[which] ?? 0;
    const b = last.counts.get(node)?.[which] ?? 0;
    return ((b - a) * 1000) / (last.now - first.now);
  }
}

export function operatorMetrics(
  doc: PipelineDocument,
  now: number,
  status: SubtaskStatus[],
  rates: RateTracker,
): OperatorMetrics[] {
  return doc.nodes.map((n) => {
    const subs = status.filter((s) => s.node === n.id);
    const wms = subs.map((s) => s.watermark);
    const watermark =
      wms.length === 0 || wms.some((w) => w === null) ? null : Math.min(...(wms as number[]));
    const ended = watermark !== null && watermark >= Number.MAX_SAFE_INTEGER;
    return {
      node: n.id,
      inRate: rates.rate(n.id, 'in'),
      outRate: rates.rate(n.id, 'out'),
      recordsIn: subs.reduce((a, s) => a + s.recordsIn, 0),
      recordsOut: subs.reduce((a, s) => a + s.recordsOut, 0),
      watermark,
      lag: watermark === null || ended ? null : now - watermark,
      buffered: subs.reduce((a, s) => a + s.buffered, 0),
      blocked: subs.some((s) => s.blocked === true),
    };
  });
}

export interface LatencySummary {
  /** Rows with an event timestamp the figures are over (the newest ones). */
  rows: number;
  last: number | null;
  mean: number | null;
  max: number | null;
}

/** Event-time latency at a sink: processing time of arrival − the record's event timestamp. */
export function sinkLatency(
  rows: { timestamp: number | null; processingTime: number }[],
): LatencySummary {
  const lat = rows
    .filter((r) => r.timestamp !== null && r.timestamp < Number.MAX_SAFE_INTEGER)
    .map((r) => r.processingTime - (r.timestamp as number));
  if (lat.length === 0) return { rows: 0, last: null, mean: null, max: null };
  return {
    rows: lat.length,
    last: lat[lat.length - 1],
    mean: lat.reduce((a, b) => a + b, 0) / lat.length,
    max: Math.max(...lat),
  };
}

export interface EdgeFigures {
  /** Records that went into the edge (a broadcast record counts once). */
  records: number;
  /** Records waiting in the receivers' buffers from this edge. */
  buffered: number;
  /** Some channel of the edge is at the buffer capacity: its sender is backpressured. */
  full: boolean;
  /**
   * BATCH: a blocking exchange (ChannelStatus.blocking). Its records wait until every sender has
   * ended, and it never backpressures (so it is never `full`). Absent otherwise.
   */
  blocking?: true;
}

/** Per document edge: records passed and buffered, from the channels of the physical graph. */
export function edgeFigures(
  doc: PipelineDocument,
  channels: ChannelStatus[],
): Map<string, EdgeFigures> {
  const cap = doc.settings.bufferCapacity;
  const out = new Map<string, EdgeFigures>();
  const sum = new Map<string, number>();
  for (const c of channels) {
    const f = out.get(c.edge) ?? { records: 0, buffered: 0, full: false };
    sum.set(c.edge, (sum.get(c.edge) ?? 0) + c.records);
    f.buffered += c.buffered;
    if (c.blocking) f.blocking = true;
    else if (cap !== null && cap !== undefined && c.buffered >= cap) f.full = true;
    out.set(c.edge, f);
  }
  for (const e of doc.edges) {
    const f = out.get(e.id);
    if (!f) continue;
    const receivers = doc.nodes.find((n) => n.id === e.to)?.parallelism ?? 1;
    const total = sum.get(e.id) ?? 0;
    f.records = e.partitioning === 'broadcast' ? Math.round(total / receivers) : total;
  }
  return out;
}

/** Records per second, in words short enough for a badge. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  if (rate >= 10_000) return `${Math.round(rate / 1000)}k/s`;
  if (rate >= 100) return `${Math.round(rate)}/s`;
  return `${rate.toFixed(1)}/s`;
}

/** A duration in ms, or words when there is none. */
export function formatLag(lag: number | null, watermark: number | null): string {
  if (watermark === null) return t('no watermark yet');
  if (lag === null) return t('input ended');
  return `${formatCount(lag)} ms`;
}
