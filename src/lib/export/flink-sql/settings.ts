import type { PipelineDocument } from '../../pipeline';
import type { ExportNote } from '../types';

const q = (s: string) => `'${s}'`;
const set = (key: string, value: string) => `SET ${q(key)} = ${q(value)};`;

/** SET statements for the run settings: runtime mode, parallelism, watermarks, checkpoints, restarts. */
export function settingsStatements(doc: PipelineDocument, notes: ExportNote[]): string[] {
  const s = doc.settings;
  const out: string[] = ['-- Run settings'];
  out.push(set('execution.runtime-mode', s.runtimeMode.toLowerCase()));
  const ps = [...new Set(doc.nodes.map((n) => n.parallelism))];
  const parallelism = Math.max(1, ...ps);
  out.push(set('parallelism.default', String(parallelism)));
  if (ps.length > 1)
    notes.push({
      message: `SQL has one default parallelism; the per-operator parallelism (${ps.join(', ')}) is exported as ${parallelism} for all operators`,
    });
  if (
    doc.nodes.some((n) =>
      doc.edges.some(
        (e) =>
          e.from === n.id && (e.partitioning === 'rebalance' || e.partitioning === 'broadcast'),
      ),
    )
  )
    notes.push({
      message:
        'SQL chooses the data exchange between operators itself; rebalance and broadcast edges are not exported',
    });
  out.push(set('pipeline.max-parallelism', String(s.maxParallelism)));
  out.push(set('pipeline.auto-watermark-interval', `${s.autoWatermarkInterval} ms`));
  if (s.timeCharacteristic !== 'event')
    notes.push({
      message: `the ${s.timeCharacteristic}-time characteristic is not exported: the SQL tables declare event time (ts) from the data`,
    });
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
