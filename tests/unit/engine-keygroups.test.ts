import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  javaHashCode,
  javaLongHashCode,
  javaStringHashCode,
  keyGroupOf,
  murmurHash,
  operatorIndexForKeyGroup,
  subtaskForKey,
} from '../../src/lib/engine/keygroups';

/** An independent reference of Flink's MathUtils.murmurHash, in BigInt 32-bit arithmetic. */
function refMurmur(code: number): number {
  const M = 0xffffffffn;
  const toInt = (x: bigint) => {
    x &= M;
    return x >= 0x80000000n ? x - 0x100000000n : x;
  };
  const mul = (a: bigint, b: bigint) => toInt(a * b);
  const rotl = (x: bigint, r: bigint) => toInt(((x & M) << r) | ((x & M) >> (32n - r)));
  const ushr = (x: bigint, r: bigint) => (x & M) >> r;
  let c = BigInt(code);
  c = mul(c, 0xcc9e2d51n);
  c = rotl(c, 15n);
  c = mul(c, 0x1b873593n);
  c = rotl(c, 13n);
  c = toInt(c * 5n + 0xe6546b64n);
  c = toInt(c ^ 4n);
  c = toInt(c ^ ushr(c, 16n));
  c = mul(c, 0x85ebca6bn);
  c = toInt(c ^ ushr(c, 13n));
  c = mul(c, 0xc2b2ae35n);
  c = toInt(c ^ ushr(c, 16n));
  if (c >= 0n) return Number(c);
  if (c !== -0x80000000n) return Number(-c);
  return 0;
}

describe('Java hashCode', () => {
  test('String.hashCode known values', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('a')).toBe(97);
    expect(javaStringHashCode('hello')).toBe(99162322);
    // "polygenelubricants".hashCode() == Integer.MIN_VALUE (a famous Java example)
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
  });
  test('Integer, Long and Boolean hashCode', () => {
    expect(javaHashCode(42)).toBe(42);
    expect(javaHashCode(-7)).toBe(-7);
    expect(javaLongHashCode(4294967296)).toBe(1); // 1L << 32
    expect(javaHashCode(4294967296)).toBe(1);
    expect(javaHashCode(-4294967296)).toBe(-1); // (int)(0xFFFFFFFF00000000 ^ 0x00000000FFFFFFFF) = -1
    expect(javaHashCode(true)).toBe(1231);
    expect(javaHashCode(false)).toBe(1237);
  });
});

describe("Flink's key-group assignment", () => {
  test('murmurHash equals an independent BigInt reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2147483648, max: 2147483647 }), (x) => {
        expect(murmurHash(x)).toBe(refMurmur(x));
      }),
      { numRuns: 2000 },
    );
    for (const x of [0, 1, -1, 2147483647, -2147483648, 97, 99162322]) {
      expect(murmurHash(x)).toBe(refMurmur(x));
    }
  });

  test('exact key groups and subtasks for known keys (maxParallelism 128)', () => {
    // Expected values from the reference algorithm (murmur(hashCode) % 128, then kg * p / 128).
    const cases: [string | number, number][] = [
      ['hello', refMurmur(99162322) % 128],
      ['key-1', refMurmur(javaStringHashCode('key-1')) % 128],
      [42, refMurmur(42) % 128],
    ];
    for (const [k, kg] of cases) expect(keyGroupOf(k, 128)).toBe(kg);
    expect(keyGroupOf('hello', 128)).toMatchInlineSnapshot(`35`);
    expect(keyGroupOf('key-1', 128)).toMatchInlineSnapshot(`54`);
    expect(keyGroupOf('key-2', 128)).toMatchInlineSnapshot(`126`);
    expect(keyGroupOf(42, 128)).toMatchInlineSnapshot(`29`);
    expect(keyGroupOf(0, 128)).toMatchInlineSnapshot(`94`);
    expect(operatorIndexForKeyGroup(128, 4, 127)).toBe(3);
    expect(operatorIndexForKeyGroup(128, 4, 31)).toBe(0);
    expect(operatorIndexForKeyGroup(128, 4, 32)).toBe(1);
    expect(operatorIndexForKeyGroup(128, 3, 43)).toBe(1); // 129 / 128
    expect(operatorIndexForKeyGroup(128, 3, 42)).toBe(0); // 126 / 128
    expect(subtaskForKey('hello', 128, 4)).toBe(Math.floor((keyGroupOf('hello', 128) * 4) / 128));
  });

  test('every key group maps to a valid subtask, monotonically', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32768 }), fc.integer({ min: 1, max: 64 }), (mp, p) => {
        fc.pre(p <= mp);
        let prev = 0;
        for (let kg = 0; kg < Math.min(mp, 512); kg++) {
          const i = operatorIndexForKeyGroup(mp, p, kg);
          expect(i).toBeGreaterThanOrEqual(prev);
          expect(i).toBeLessThan(p);
          prev = i;
        }
      }),
    );
  });
});
