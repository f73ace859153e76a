/**
 * Flink's key → key group → operator index assignment (KeyGroupRangeAssignment), bit for bit.
 *
 * - keyGroup = MathUtils.murmurHash(key.hashCode()) % maxParallelism
 * - operatorIndex = keyGroup * parallelism / maxParallelism (integer division)
 *
 * Java hashCode of the key types the engine carries:
 * - string: java.lang.String.hashCode (31·h + UTF-16 code unit, 32-bit overflow);
 * - number: an integer in the 32-bit range hashes as java.lang.Integer (the value itself); any
 *   other safe integer as java.lang.Long ((int)(v ^ (v >>> 32))); a non-integer as
 *   java.lang.Double ((int)(bits ^ (bits >>> 32)) of its IEEE-754 bits);
 * - boolean: java.lang.Boolean (1231 / 1237); null: 0 (Flink itself rejects null keys);
 * - anything else: String.hashCode of its JSON text.
 */
import type { Key } from './api';

/** java.lang.String#hashCode. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** java.lang.Long#hashCode for a safe integer. */
export function javaLongHashCode(v: number): number {
  const big = BigInt.asUintN(64, BigInt(v));
  const hi = Number(big >> 32n) | 0;
  const lo = Number(big & 0xffffffffn) | 0;
  return hi ^ lo;
}

/** java.lang.Double#hashCode. */
export function javaDoubleHashCode(v: number): number {
  // Double.doubleToLongBits collapses every NaN to 0x7ff8000000000000.
  if (Number.isNaN(v)) return 0x7ff80000;
  f64[0] = v;
  const lo = LITTLE_ENDIAN ? u32[0] : u32[1];
  const hi = LITTLE_ENDIAN ? u32[1] : u32[0];
  return (hi ^ lo) | 0;
}

/** The Java hashCode of a key, as documented above. */
export function javaHashCode(key: unknown): number {
  if (typeof key === 'string') return javaStringHashCode(key);
  if (typeof key === 'number') {
    if (Number.isInteger(key)) {
      if (key >= -2147483648 && key <= 2147483647) return key | 0;
      if (Number.isSafeInteger(key)) return javaLongHashCode(key);
    }
    return javaDoubleHashCode(key);
  }
  if (typeof key === 'boolean') return key ? 1231 : 1237;
  if (key === null || key === undefined) return 0;
  return javaStringHashCode(JSON.stringify(key) ?? '');
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** Flink's MathUtils.bitMix (the murmur3 finaliser). */
function bitMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Flink's MathUtils.murmurHash(int): a non-negative int. */
export function murmurHash(code: number): number {
  code = Math.imul(code | 0, 0xcc9e2d51);
  code = rotl(code, 15);
  code = Math.imul(code, 0x1b873593);
  code = rotl(code, 13);
  code = (Math.imul(code, 5) + 0xe6546b64) | 0;
  code ^= 4;
  code = bitMix(code);
  if (code >= 0) return code;
  if (code !== -2147483648) return -code;
  return 0;
}

/** KeyGroupRangeAssignment.assignToKeyGroup. */
export function keyGroupOf(key: Key | unknown, maxParallelism: number): number {
  return murmurHash(javaHashCode(key)) % maxParallelism;
}

/** KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup. */
export function operatorIndexForKeyGroup(
  maxParallelism: number,
  parallelism: number,
  keyGroup: number,
): number {
  return Math.floor((keyGroup * parallelism) / maxParallelism);
}

/** KeyGroupRangeAssignment.assignKeyToParallelOperator. */
export function subtaskForKey(key: Key | unknown, maxParallelism: number, parallelism: number) {
  return operatorIndexForKeyGroup(maxParallelism, parallelism, keyGroupOf(key, maxParallelism));
}
