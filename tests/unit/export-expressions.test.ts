import { describe, expect, test } from 'vitest';
import { toJava } from '../../src/lib/export/expression/java';
import { toSql } from '../../src/lib/export/expression/sql';
import type { Scope } from '../../src/lib/export/expression/common';

const java: Scope = {
  value: { code: 'e.value', type: 'long' },
  key: { code: 'e.key', type: 'string' },
  timestamp: { code: 'e.timestamp', type: 'long' },
};
const sql: Scope = {
  value: { code: '`value`', type: 'long' },
  key: { code: '`key`', type: 'string' },
  timestamp: { code: '', type: 'unknown', unavailable: 'no timestamp in SQL' },
};
const code = (r: { ok: boolean; code?: string }) => (r.ok ? r.code : null);

describe('expression translation', () => {
  test.each([
    ['value * 2 + 1', 'e.value * 2L + 1L', '`value` * 2 + 1'],
    ['value / 2', '(double) e.value / 2L', 'CAST(`value` AS DOUBLE) / 2'],
    ['(value + 1) * 3', '(e.value + 1L) * 3L', '(`value` + 1) * 3'],
    ['value % 2 === 0', 'e.value % 2L == 0L', 'MOD(`value`, 2) = 0'],
    [
      'value > 3 ? "big" : "small"',
      'e.value > 3L ? "big" : "small"',
      "CASE WHEN `value` > 3 THEN 'big' ELSE 'small' END",
    ],
    ['key + "!"', 'e.key + "!"', "`key` || '!'"],
    ['"n" + value', '"n" + e.value', "'n' || CAST(`value` AS STRING)"],
    [
      '!(value < 2) || key == "a"',
      '!(e.value < 2L) || e.key.equals("a")',
      "NOT `value` < 2 OR `key` = 'a'",
    ],
    ['Math.max(value, 10)', 'Math.max(e.value, 10L)', 'GREATEST(`value`, 10)'],
    ['key.toUpperCase()', 'e.key.toUpperCase()', 'UPPER(`key`)'],
  ])('%s', (src, j, s) => {
    expect(code(toJava(src, java))).toBe(j);
    expect(code(toSql(src, sql))).toBe(s);
  });

  test.each([
    'value.toFixed(2)',
    'value + 0.5 + "x"',
    '(x) => x',
    '`t${value}`',
    'value ?? 0',
    'key && value',
    'unknownName',
  ])('%s is not translated, with a reason', (src) => {
    const r = toJava(src, java);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
  });

  test('the timestamp is not available in SQL, with the reason', () => {
    const r = toSql('timestamp + 1', sql);
    expect(r).toEqual({ ok: false, reason: 'no timestamp in SQL' });
  });
});
