import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as v from 'valibot';
import { exampleDocument, type PipelineDocument, type PipelineNode } from '../../src/lib/pipeline';
import { KINDS } from '../../src/lib/pipeline/kinds';
import { compileExpression, expressionSyntaxError } from '../../src/lib/engine/expressions';
import { FORMS, formOf, type FormField } from '../../src/lib/ui/editor/forms';
import { expressionProblems } from '../../src/lib/ui/editor/forms/expression-problems';
import { getIn, setIn } from '../../src/lib/ui/editor/forms/path';
import {
  changeStepType,
  formatValue,
  newStep,
  parseValue,
} from '../../src/lib/ui/editor/forms/timeline-steps';
import {
  DURATION_UNITS,
  bestUnit,
  formatDuration,
  fromMillis,
  toMillis,
} from '../../src/lib/ui/editor/forms/units';
import { documentProblems } from '../../src/lib/ui/document.svelte';
import { SETTINGS_FIELDS } from '../../src/lib/ui/editor/forms/settings';
import { SettingsSchema } from '../../src/lib/pipeline/schema';

describe('duration units', () => {
  it('converts amounts in ms, s and min to milliseconds and back', () => {
    expect(toMillis(5, 's')).toBe(5000);
    expect(toMillis(2, 'min')).toBe(120_000);
    expect(toMillis(250, 'ms')).toBe(250);
    expect(toMillis(1.1, 's')).toBe(1100); // not 1100.0000000000002
    expect(toMillis(0.5, 'min')).toBe(30_000);
    expect(fromMillis(1500, 's')).toBe(1.5);
    expect(fromMillis(90_000, 'min')).toBe(1.5);
  });

  it('shows a value in the largest unit that makes it a whole number', () => {
    expect(bestUnit(5000)).toBe('s');
    expect(bestUnit(120_000)).toBe('min');
    expect(bestUnit(90_000)).toBe('s');
    expect(bestUnit(1500)).toBe('ms');
    expect(bestUnit(0)).toBe('s');
    expect(formatDuration(300_000)).toBe('5 min');
    expect(formatDuration(2500)).toBe('2500 ms');
  });

  it('round-trips every whole number of ms through its best unit', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e9 }), (ms) => {
        const unit = bestUnit(ms);
        const amount = fromMillis(ms, unit);
        expect(Number.isInteger(amount)).toBe(true);
        expect(toMillis(amount, unit)).toBe(ms);
      }),
    );
  });

  it('round-trips whole amounts in every unit', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e6 }), fc.constantFrom(...DURATION_UNITS), (n, unit) => {
        expect(fromMillis(toMillis(n, unit), unit)).toBe(n);
      }),
    );
  });
});

/** Every key of `value` has a field, and every field's key is in `value`; recursively. */
function coverage(fields: readonly FormField[], value: Record<string, unknown>, where: string) {
  const keys = new Set(fields.map((f) => f.key));
  for (const f of fields) if (f.type === 'textarea' && f.upload) keys.add(f.upload.nameKey);
  for (const k of Object.keys(value))
    if (k !== 'type') expect(keys, `${where}: no field for "${k}"`).toContain(k);
  for (const f of fields) {
    expect(Object.keys(value), `${where}: field "${f.key}" is not in the config`).toContain(f.key);
    const sub = value[f.key];
    if (f.type === 'group') coverage(f.fields, sub as Record<string, unknown>, `${where}.${f.key}`);
    if (f.type === 'variant')
      for (const o of f.options) coverage(o.fields, o.defaults, `${where}.${f.key}[${o.value}]`);
    if (f.type === 'list') coverage(f.item, f.newItem([]), `${where}.${f.key}[]`);
  }
}

function variants(fields: readonly FormField[], path: string[] = []): [string[], FormField][] {
  return fields.flatMap((f): [string[], FormField][] => {
    const p = [...path, f.key];
    if (f.type === 'group') return variants(f.fields, p);
    if (f.type === 'variant') return [[p, f]];
    return [];
  });
}

describe('inspector forms', () => {
  it('has a form for every operator kind in the registry', () => {
    for (const kind of KINDS) {
      const form = formOf(kind.kind);
      expect(
        form,
        `kind ${kind.kind} has no inspector form in src/lib/ui/editor/forms`,
      ).toBeDefined();
      expect(form!.kind).toBe(kind.kind);
    }
    expect(Object.keys(FORMS).sort()).toEqual(KINDS.map((k) => k.kind).sort());
  });

  it('covers every config field of every kind, and only those', () => {
    for (const kind of KINDS) {
      const defaults = v.parse(kind.config as v.GenericSchema, {}) as Record<string, unknown>;
      coverage(formOf(kind.kind)!.fields, defaults, kind.kind);
    }
  });

  it('shows pipeline settings that exist in the document', () => {
    const settings = v.parse(SettingsSchema, {}) as Record<string, unknown>;
    for (const f of SETTINGS_FIELDS) expect(Object.keys(settings)).toContain(f.key);
  });

  it('gives every field a label and every variant option a valid default', () => {
    for (const kind of KINDS) {
      const form = formOf(kind.kind)!;
      const defaults = v.parse(kind.config as v.GenericSchema, {});
      for (const [path, f] of variants(form.fields)) {
        if (f.type !== 'variant') continue;
        expect(f.label).not.toBe('');
        const choices: unknown[] = [...f.options.map((o) => o.defaults), ...(f.none ? [null] : [])];
        for (const choice of choices) {
          const config = setIn(defaults, path, choice);
          const parsed = v.safeParse(kind.config as v.GenericSchema, config);
          expect(parsed.success, `${kind.kind}.${path.join('.')} = ${JSON.stringify(choice)}`).toBe(
            true,
          );
        }
      }
    }
  });

  it('has default expressions that compile, in every kind and every variant', () => {
    const nodes = KINDS.flatMap((kind) => {
      const form = formOf(kind.kind)!;
      const base = v.parse(kind.config as v.GenericSchema, {});
      const configs = [
        base,
        ...variants(form.fields).flatMap(([path, f]) =>
          f.type === 'variant' ? f.options.map((o) => setIn(base, path, o.defaults)) : [],
        ),
      ];
      return configs.map(
        (config, i) =>
          ({
            id: `${kind.kind}${i}`,
            kind: kind.kind,
            name: '',
            parallelism: 1,
            position: { x: 0, y: 0 },
            config,
          }) as PipelineNode,
      );
    });
    const doc: PipelineDocument = { ...exampleDocument(), nodes, edges: [] };
    expect(expressionProblems(doc)).toEqual([]);
  });
});

describe('expressions are checked as the engine compiles them', () => {
  it('reports a syntax error on the node and field, in the engine’s words', () => {
    const doc = exampleDocument();
    const broken: PipelineDocument = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === 'double' ? ({ ...n, config: { expression: 'value *' } } as PipelineNode) : n,
      ),
    };
    const problems = expressionProblems(broken);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ nodeId: 'double', field: 'config.expression' });
    expect(() => compileExpression('value *', 'double', 'config.expression')).toThrow(
      problems[0].message,
    );
    // The editor's problems list (and so the node and the Run button) sees it too.
    expect(documentProblems(broken).map((p) => p.message)).toContain(problems[0].message);
    expect(documentProblems(doc)).toEqual([]);
  });

  it('checks window functions with their own variables', () => {
    expect(expressionSyntaxError('a + b', ['a', 'b'])).toBeNull();
    expect(expressionSyntaxError('elements.length', ['elements', 'key', 'window'])).toBeNull();
    expect(expressionSyntaxError('(', ['a', 'b'])).toMatch(/Unexpected/);
    // Only compiled, never run: an expression that would throw is not a syntax error.
    expect(expressionSyntaxError('value.nope.deeper', ['value'])).toBeNull();
  });
});

describe('paths into a config', () => {
  it('sets nested values without changing the original', () => {
    const config = { a: { b: 1 }, list: [{ x: 1 }, { x: 2 }] };
    const next = setIn(config, ['list', 1, 'x'], 5);
    expect(getIn(next, ['list', 1, 'x'])).toBe(5);
    expect(config.list[1].x).toBe(2);
    expect(getIn(setIn(config, ['a', 'b'], 3), ['a'])).toEqual({ b: 3 });
    expect((next as typeof config).a).toBe(config.a);
  });
});

describe('timeline script rows', () => {
  it('reads values as JSON when they parse and as text otherwise', () => {
    expect(parseValue('5')).toBe(5);
    expect(parseValue('{"t": 21.5}')).toEqual({ t: 21.5 });
    expect(parseValue('hello')).toBe('hello');
    expect(formatValue({ t: 1 })).toBe('{"t":1}');
    expect(formatValue('hello')).toBe('hello');
  });

  it('continues the script from its last time, and keeps time when a step changes type', () => {
    const steps = [
      { type: 'record' as const, key: 'k', value: 3, timestamp: 4000 },
      { type: 'advance' as const, by: 1000 },
    ];
    expect(newStep('record', steps)).toEqual({
      type: 'record',
      key: 'k',
      value: 3,
      timestamp: 5000,
    });
    expect(newStep('watermark', steps)).toEqual({ type: 'watermark', timestamp: 4000 });
    expect(changeStepType(steps[0], 'watermark', [])).toEqual({
      type: 'watermark',
      timestamp: 4000,
    });
    expect(changeStepType(steps[1], 'end', steps)).toEqual({ type: 'end' });
  });
});
