/**
 * The snapshot format: one subtask's state as bytes. The same bytes live in the memory store
 * (engine, CLI, tests) and in IndexedDB (the browser), so a checkpoint's size is a real size and
 * a corrupted value is detected the same way everywhere.
 *
 * Layout: 4 bytes magic "SLS1", 4 bytes FNV-1a checksum of the payload (little endian), then the
 * payload: UTF-8 JSON of the state with tagged values for what JSON cannot carry (Map, Set,
 * typed arrays, undefined, non-finite numbers, −0).
 */

const MAGIC = [0x53, 0x4c, 0x53, 0x31]; // "SLS1"

type Tagged =
  | { $: 'map'; v: [unknown, unknown][] }
  | { $: 'set'; v: unknown[] }
  | { $: 'f64'; v: number[] }
  | { $: 'u8'; v: number[] }
  | { $: 'i32'; v: number[] }
  | { $: 'u'; v?: undefined }
  | { $: 'num'; v: string }
  | { $: 'obj'; v: Record<string, unknown> };

function toPlain(x: unknown): unknown {
  if (x === undefined) return { $: 'u' } satisfies Tagged;
  if (typeof x === 'number') {
    if (!Number.isFinite(x) || Object.is(x, -0)) return { $: 'num', v: String(x) } satisfies Tagged;
    return x;
  }
  if (x === null || typeof x !== 'object') return typeof x === 'function' ? { $: 'u' } : x;
  if (Array.isArray(x)) return x.map(toPlain);
  if (x instanceof Map) return { $: 'map', v: [...x].map(([k, v]) => [toPlain(k), toPlain(v)]) };
  if (x instanceof Set) return { $: 'set', v: [...x].map(toPlain) };
  if (x instanceof Float64Array) return { $: 'f64', v: [...x].map((n) => toPlain(n) as number) };
  if (x instanceof Uint8Array) return { $: 'u8', v: [...x] };
  if (x instanceof Int32Array) return { $: 'i32', v: [...x] };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) if (typeof v !== 'function') out[k] = toPlain(v);
  // An object with a key "$" is wrapped so that it is not mistaken for a tag.
  return '$' in out ? ({ $: 'obj', v: out } satisfies Tagged) : out;
}

function fromPlain(x: unknown): unknown {
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) return x.map(fromPlain);
  const o = x as Record<string, unknown>;
  if (typeof o.$ === 'string') {
    const t = o as Tagged;
    switch (t.$) {
      case 'map':
        return new Map(t.v.map(([k, v]) => [fromPlain(k), fromPlain(v)]));
      case 'set':
        return new Set(t.v.map(fromPlain));
      case 'f64':
        return Float64Array.from(t.v.map((n) => fromPlain(n) as number));
      case 'u8':
        return Uint8Array.from(t.v);
      case 'i32':
        return Int32Array.from(t.v);
      case 'u':
        return undefined;
      case 'num':
        return Number(t.v);
      case 'obj':
        return fromObject(t.v);
    }
  }
  return fromObject(o);
}

function fromObject(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = fromPlain(v);
  return out;
}

/** FNV-1a, 32 bits: enough to notice a damaged value (not a security measure). */
export function checksum(bytes: Uint8Array, from = 0): number {
  let h = 0x811c9dc5;
  for (let i = from; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Encodes a state value (plain data, Maps, Sets, typed arrays) as checksummed bytes. */
export function encodeState(state: unknown): Uint8Array {
  const payload = new TextEncoder().encode(JSON.stringify(toPlain(state)));
  const out = new Uint8Array(8 + payload.length);
  out.set(MAGIC, 0);
  out.set(payload, 8);
  new DataView(out.buffer).setUint32(4, checksum(out, 8), true);
  return out;
}

export class CorruptSnapshotError extends Error {}

/** Decodes bytes from encodeState; throws CorruptSnapshotError when they are damaged. */
export function decodeState(bytes: Uint8Array): unknown {
  if (bytes.length < 8 || MAGIC.some((m, i) => bytes[i] !== m))
    throw new CorruptSnapshotError('not a Streamlab snapshot (bad header)');
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (stored !== checksum(bytes, 8))
    throw new CorruptSnapshotError('the checksum does not match (the stored value is damaged)');
  try {
    return fromPlain(JSON.parse(new TextDecoder().decode(bytes.subarray(8))));
  } catch (e) {
    throw new CorruptSnapshotError(`the payload does not parse: ${(e as Error).message}`);
  }
}
