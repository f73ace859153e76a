/**
 * Window assigners as Flink defines them. A TimeWindow is [start, end); its maxTimestamp is end − 1.
 */
export interface TimeWindow {
  start: number;
  end: number;
}

/** Flink's TimeWindow.getWindowStartWithOffset, with Java's remainder (sign of the dividend). */
export function windowStart(timestamp: number, offset: number, size: number): number {
  const remainder = (timestamp - offset) % size;
  // Java's % keeps the dividend's sign, as JavaScript's does; Flink then corrects negatives.
  return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
}

export function tumbling(timestamp: number, size: number, offset: number): TimeWindow[] {
  const start = windowStart(timestamp, offset % size, size);
  return [{ start, end: start + size }];
}

/** Flink's SlidingEventTimeWindows.assignWindows: from the last start back while start > ts − size. */
export function sliding(
  timestamp: number,
  size: number,
  slide: number,
  offset: number,
): TimeWindow[] {
  const windows: TimeWindow[] = [];
  const lastStart = windowStart(timestamp, offset % slide, slide);
  for (let start = lastStart; start > timestamp - size; start -= slide) {
    windows.push({ start, end: start + size });
  }
  return windows;
}

export function session(timestamp: number, gap: number): TimeWindow[] {
  return [{ start: timestamp, end: timestamp + gap }];
}

/** Flink's TimeWindow.intersects: windows that touch also merge. */
export function intersects(a: TimeWindow, b: TimeWindow): boolean {
  return a.start <= b.end && a.end >= b.start;
}

export function cover(a: TimeWindow, b: TimeWindow): TimeWindow {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
