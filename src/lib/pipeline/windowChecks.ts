/**
 * Checks of window nodes that one field's schema cannot make: fields against each other, the
 * trigger against the window's time domain, and the window against the run settings. Each names
 * the node and field and says what is allowed.
 */
import type { Trigger } from './kinds';
import type { PipelineDocument, PipelineNode, Problem } from './types';

interface WindowConfig {
  time?: 'event' | 'processing';
  size?: number;
  slide?: number | null;
  offset?: number;
  trigger?: Trigger;
  evictor?: { type: 'count' | 'time' } | null;
  allowedLateness?: number;
}

/** True when some node upstream of `id` (or `id` itself) is of kind `kind`. */
function upstreamHas(doc: PipelineDocument, id: string, kind: string): boolean {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const todo = [id];
  while (todo.length > 0) {
    const cur = todo.pop()!;
    if (seen.has(cur)) continue;
    seen.add(cur);
    if (byId.get(cur)?.kind === kind) return true;
    for (const e of doc.edges) if (e.to === cur) todo.push(e.from);
  }
  return false;
}

/** The time domain a trigger works in, or null for the count trigger and the default. */
function triggerDomain(t: Trigger): 'event' | 'processing' | null {
  switch (t.type) {
    case 'continuousEventTime':
      return 'event';
    case 'continuousProcessingTime':
      return 'processing';
    case 'purging':
      return t.of === 'eventTime' ? 'event' : 'processing';
    default:
      return null;
  }
}

export function windowProblems(doc: PipelineDocument, node: PipelineNode): Problem[] {
  const c = node.config as WindowConfig;
  const problems: Problem[] = [];
  const at = (field: string, message: string) =>
    problems.push({ nodeId: node.id, field, message: `node ${node.id}, ${field}: ${message}` });
  // Records carry event timestamps unless the run is in processing time and no Watermarks node
  // (assignTimestampsAndWatermarks) upstream gives them one.
  const timestamps =
    doc.settings.timeCharacteristic !== 'processing' || upstreamHas(doc, node.id, 'watermarks');

  if (node.kind === 'tumblingWindow' && Math.abs(c.offset!) >= c.size!)
    at(
      'config.offset',
      `must be between −${c.size} and ${c.size} ms (exclusive): Flink's TumblingEventTimeWindows.of(size, offset) requires |offset| < size`,
    );
  if (node.kind === 'slidingWindow') {
    if (c.slide! > c.size!)
      at(
        'config.slide',
        `must be at most the size (${c.size} ms): with a larger slide, elements that fall between two windows belong to none and are lost`,
      );
    if (Math.abs(c.offset!) >= c.slide!)
      at(
        'config.offset',
        `must be between −${c.slide} and ${c.slide} ms (exclusive): Flink's SlidingEventTimeWindows.of(size, slide, offset) requires |offset| < slide`,
      );
  }
  if (node.kind === 'countWindow' && c.slide != null && c.slide > c.size!)
    at(
      'config.slide',
      `must be at most the size (${c.size}): with a larger slide, elements between two firings are never in a window`,
    );

  const timeWindow = c.time !== undefined;
  if (c.allowedLateness !== undefined && c.allowedLateness > 0) {
    if (timeWindow && c.time === 'processing')
      at(
        'config.allowedLateness',
        'processing-time windows are never late, so they have no allowed lateness; use 0, or event time (time: event)',
      );
    if (node.kind === 'globalWindow')
      at(
        'config.allowedLateness',
        'a global window never ends, so nothing is late; use 0, or a time window',
      );
  }

  const trigger = c.trigger;
  if (trigger && timeWindow) {
    const td = triggerDomain(trigger);
    if (td !== null && td !== c.time)
      at(
        'config.trigger',
        `a ${trigger.type === 'purging' ? `purging ${trigger.of}` : trigger.type} trigger works in ${td} time, but this window is in ${c.time} time; use a ${c.time}-time trigger (default, purging, continuous${c.time === 'event' ? 'EventTime' : 'ProcessingTime'}) or count`,
      );
  }
  if (!timestamps) {
    if (timeWindow && c.time === 'event')
      at(
        'config.time',
        'the run is in processing time (settings.timeCharacteristic) and no Watermarks node gives records a timestamp, so event-time windows get none; use time: processing, or event or ingestion time',
      );
    if (trigger?.type === 'continuousEventTime' && !timeWindow)
      at(
        'config.trigger',
        'records carry no event timestamps in a processing-time run without a Watermarks node, so a continuous event-time trigger has no interval to fire at; use continuousProcessingTime or count',
      );
    if (c.evictor?.type === 'time')
      at(
        'config.evictor',
        'records carry no event timestamps in a processing-time run without a Watermarks node, so a time evictor keeps everything (Flink skips it); use a count evictor',
      );
  }
  return problems;
}
