/**
 * Capturing and restoring the state of an operator, a source reader or a watermark generator.
 *
 * An object with `snapshot()` / `restore(state)` methods is asked for its state (that is how
 * closure-based operators, such as the window operator, take part). Any other object is captured
 * generically: its own data fields (numbers, strings, arrays, Maps, Sets, plain objects, typed
 * arrays), skipping functions; a field holding a class instance is captured recursively and
 * restored in place, so its methods survive. The captured value is encoded to bytes at once
 * (format.ts), which is what makes it a copy.
 */

interface Snapshottable {
  snapshot(): unknown;
  restore(state: unknown): void;
}

function isSnapshottable(x: unknown): x is Snapshottable {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Snapshottable).snapshot === 'function' &&
    typeof (x as Snapshottable).restore === 'function'
  );
}

function isClassInstance(x: unknown): x is object {
  if (typeof x !== 'object' || x === null) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return (
    proto !== Object.prototype &&
    proto !== null &&
    !Array.isArray(x) &&
    !(x instanceof Map) &&
    !(x instanceof Set) &&
    !ArrayBuffer.isView(x)
  );
}

function capture(v: unknown): unknown {
  if (isSnapshottable(v)) return { $snap: v.snapshot() };
  if (isClassInstance(v)) return { $inst: captureFields(v) };
  return v;
}

/** The own data fields of an object (functions skipped), ready for encodeState. */
export function captureFields(obj: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (typeof v !== 'function') out[k] = capture(v);
  return out;
}

/** Writes fields captured by captureFields back into `obj`. */
export function restoreFields(obj: object, fields: Record<string, unknown>): void {
  const target = obj as Record<string, unknown>;
  for (const [k, stored] of Object.entries(fields)) {
    const cur = target[k];
    const s = stored as { $snap?: unknown; $inst?: Record<string, unknown> } | null;
    if (s !== null && typeof s === 'object' && '$snap' in s && isSnapshottable(cur))
      cur.restore(s.$snap);
    else if (s !== null && typeof s === 'object' && '$inst' in s && isClassInstance(cur))
      restoreFields(cur, s.$inst!);
    else target[k] = stored;
  }
}

/** State of an object: its own snapshot() if it has one, else its fields. */
export function captureObject(obj: object): unknown {
  return isSnapshottable(obj) ? { $snap: obj.snapshot() } : { $fields: captureFields(obj) };
}

export function restoreObject(obj: object, state: unknown): void {
  const s = state as { $snap?: unknown; $fields?: Record<string, unknown> };
  if ('$snap' in s && isSnapshottable(obj)) obj.restore(s.$snap);
  else if (s.$fields) restoreFields(obj, s.$fields);
}
