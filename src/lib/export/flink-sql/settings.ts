import type { PipelineDocument } from '../../pipeline';
import type { ExportNote } from '../types';

const q = (s: string) => `'${s}'`;
const set = (key: string, value: string) => `SET ${q(key)} = ${q(value)};`;

/** SET statements for the run settings: runtime mode, parallelism, watermarks, checkpoints, restarts. */
export function settingsStatements(doc: PipelineDocument, notes: ExportNote[]): string[] {
  const s = doc.settings;
  const out: string[] = ['-- Run settings'];
  // A setting that does not map exactly: a NOTE comment here and an entry in the notes list.
  const note = (message: string) => {
    notes.push({ message, detail: message });
    out.push(`-- NOTE: ${message}`);
  };
  out.push(set('execution.runtime-mode', s.runtimeMode.toLowerCase()));
  // Windows over a TIMESTAMP_LTZ time attribute are aligned in the session's time zone; in UTC
  // they start at multiples of their size from the epoch, as DataStream windows (and Streamlab's) do.
  out.push(
    '-- UTC: windows then start at whole multiples of their size, as in the DataStream API.',
    set('table.local-time-zone', 'UTC'),
  );
  const ps = [...new Set(doc.nodes.map((n) => n.parallelism))];
  const parallelism = Math.max(1, ...ps);
  if (ps.length > 1)
    note(
      `SQL has one default parallelism; the per-operator parallelism (${ps.join(', ')}) is exported as ${parallelism} for all operators`,
    );
  out.push(set('parallelism.default', String(parallelism)));
  if (
    doc.nodes.some((n) =>
      doc.edges.some(
        (e) =>
          e.from === n.id && (e.partitioning === 'rebalance' || e.partitioning === 'broadcast'),
      ),
    )
  )
    note(
      'SQL chooses the data exchange between operators itself; rebalance and broadcast edges are not exported',
    );
  out.push(set('pipeline.max-parallelism', String(s.maxParallelism)));
  // 0 ms: Flink SQL's watermark assigner then emits on every record whose watermark advances,
  // as Streamlab does (unlike the DataStream API, where 0 turns periodic watermarks off).
  out.push(set('pipeline.auto-watermark-interval', `${s.autoWatermarkInterval} ms`));
  if (s.timeCharacteristic !== 'event')
    note(
      `the ${s.timeCharacteristic}-time characteristic is not exported: the SQL tables declare event time (ts) from the data`,
    );
  if (s.bufferCapacity !== null)
    note(
      `the channel capacity of ${s.bufferCapacity} records is a Streamlab simulation setting and is not exported: Flink's backpressure comes from its network buffers`,
    );
  const c = s.checkpointing;
  if (c.enabled) {
    out.push(set('execution.checkpointing.interval', `${c.interval} ms`));
    out.push(set('execution.checkpointing.mode', c.mode));
    out.push(set('execution.checkpointing.timeout', `${c.timeout} ms`));
    out.push(set('execution.checkpointing.min-pause', `${c.minPause} ms`));
    out.push(set('execution.checkpointing.unaligned', String(c.unaligned)));
    out.push(set('state.checkpoints.num-retained', String(c.retained)));
  }
  const r = s.restartStrategy;
  if (r.type === 'none') out.push(set('restart-strategy.type', 'none'));
  else if (r.type === 'fixedDelay') {
    out.push(set('restart-strategy.type', 'fixed-delay'));
    out.push(set('restart-strategy.fixed-delay.attempts', String(r.attempts)));
    out.push(set('restart-strategy.fixed-delay.delay', `${r.delay} ms`));
  } else {
    out.push(set('restart-strategy.type', 'failure-rate'));
    out.push(set('restart-strategy.failure-rate.max-failures-per-interval', String(r.maxFailures)));
    out.push(set('restart-strategy.failure-rate.failure-rate-interval', `${r.interval} ms`));
    out.push(set('restart-strategy.failure-rate.delay', `${r.delay} ms`));
  }
  return out;
}

export { set as setStatement };
