import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../src/lib/engine/checkpoints/format';

// The format as first written, with JSON's replacer and reviver: the faster walks must produce
// the same bytes and read them back the same (savepoints and checkpoints already stored stay
// readable).
function replacer(this: unknown, _key: string, x: unknown): unknown {
  if (x === undefined) return { $: 'u' };
  // (−0 as "-0": the first version wrote String(-0), "0", and lost the sign.)
  if (typeof x === 'number')
    return Number.isFinite(x) && !Object.is(x, -0)
      ? x
      : { $: 'num', v: Object.is(x, -0) ? '-0' : String(x) };
  if (x === null || typeof x !== 'object') return typeof x === 'function' ? undefined : x;
  if (Array.isArray(x)) return x;
  if (x instanceof Map) return { $: 'map', v: [...x] };
  if (x instanceof Set) return { $: 'set', v: [...x] };
  if (x instanceof Float64Array) return { $: 'f64', v: Array.from(x) };
  if (x instanceof Uint8Array) return { $: 'u8', v: Array.from(x) };
  if (x instanceof Int32Array) return { $: 'i32', v: Array.from(x) };
  if ('$' in x) return { $: 'obj', v: Object.entries(x) };
  return x;
}
function reviver(_key: string, x: unknown): unknown {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return x;
  const o = x as { $?: unknown; v?: unknown };
  switch (o.$) {
    case 'u':
      return undefined;
    case 'num':
      return Number(o.v);
    case 'map':
      return new Map(o.v as [unknown, unknown][]);
    case 'set':
      return new Set(o.v as unknown[]);
    case 'f64':
      return Float64Array.from(o.v as number[]);
    case 'u8':
      return Uint8Array.from(o.v as number[]);
    case 'i32':
      return Int32Array.from(o.v as number[]);
    case 'obj':
      return Object.fromEntries(o.v as [string, unknown][]);
    default:
      return x;
  }
}

const leaf = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', '$', 'v', 'key'), tie('value'), { maxKeys: 3 }),
    fc
      .array(fc.tuple(fc.oneof(fc.string(), fc.integer()), tie('value')), { maxLength: 3 })
      .map((e) => new Map(e)),
    fc.array(fc.integer(), { maxLength: 3 }).map((e) => new Set(e)),
    fc.array(fc.double(), { maxLength: 3 }).map((e) => Float64Array.from(e)),
    fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }).map((e) => Uint8Array.from(e)),
    fc.array(fc.integer(), { maxLength: 3 }).map((e) => Int32Array.from(e)),
  ),
}));

describe('snapshot format', () => {
  it('writes the same bytes as the replacer did and reads them back the same as the reviver', () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = encodeState(v);
        const text = new TextDecoder().decode(bytes.subarray(8));
        expect(text).toBe(JSON.stringify(v, replacer));
        expect(decodeState(bytes)).toEqual(JSON.parse(text, reviver));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps Maps, Sets, typed arrays, undefined, NaN and −0 through a round trip', () => {
    const v = {
      m: new Map<unknown, unknown>([['k', { sum: 3, n: NaN }]]),
      s: new Set([1, 2]),
      f: Float64Array.from([1.5, -0]),
      u: undefined,
      z: -0,
    };
    const back = decodeState(encodeState(v)) as typeof v;
    expect(back.m.get('k')).toEqual({ sum: 3, n: NaN });
    expect(back.s).toEqual(new Set([1, 2]));
    expect(Object.is(back.z, -0)).toBe(true);
    expect('u' in back).toBe(false);
  });
});
