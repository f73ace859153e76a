import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/lib/lessons';
import { parseLesson } from '../../src/lib/lessons/parse';
import { HeadlessLesson } from './lesson-harness';

const { lessons, problems } = await loadLessons();

describe('lessons', () => {
  it('every lesson folder is valid', () => {
    expect(problems).toEqual([]);
    expect(lessons.length).toBeGreaterThanOrEqual(1);
  });

  it('every lesson has 5 to 12 steps and texts in English and Chinese', () => {
    for (const lesson of lessons) {
      expect(lesson.structure.steps.length, lesson.id).toBeGreaterThanOrEqual(5);
      expect(lesson.structure.steps.length, lesson.id).toBeLessThanOrEqual(12);
      expect(lesson.texts['zh-CN'], lesson.id).toBeDefined();
    }
  });

  for (const lesson of lessons) {
    it(`${lesson.id}: every prediction is what the engine says and every task can be done`, () => {
      const outcomes = new HeadlessLesson(lesson).play();
      const predictions = outcomes.filter((o) => 'expected' in o);
      expect(predictions.length, 'a lesson has at least two predictions').toBeGreaterThanOrEqual(2);
      for (const o of outcomes) {
        if ('expected' in o) expect(o.actual, `${lesson.id} step ${o.step}`).toEqual(o.expected);
        else expect(o.reached, `${lesson.id} step ${o.step}: goal not reachable`).toBe(true);
      }
    });
  }
});

describe('lesson validation', () => {
  const structure = `steps:
  - id: one
    load: { example: dataflow-basics }
    highlight: { node: nowhere }
  - id: two
    predict:
      choices: [{ id: a, value: 1 }]
      answer: { probe: sinkTotal, sink: print }
      expected: 2
`;
  const en = `title: T
summary: S
steps:
  one: { text: Hello }
  three: { text: Where am I }
`;

  it('names the file, the place and what is allowed', () => {
    const result = parseLesson('99-broken', { 'lesson.yaml': structure, 'en.yaml': en }, parse);
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : result.problems.join('\n');
    expect(text).toContain(
      '99-broken/lesson.yaml at steps.1.predict: expected must be the value of one of the choices',
    );
  });

  it('finds unknown nodes, missing texts and unknown steps', () => {
    const fixed = structure.replace('expected: 2', 'expected: 1');
    const result = parseLesson(
      '99-broken',
      { 'lesson.yaml': fixed, 'en.yaml': en, 'fr.yaml': en },
      parse,
    );
    const text = result.ok ? '' : result.problems.join('\n');
    expect(text).toContain(
      'node "nowhere" is not in the pipeline; it has readings, scale, bigOnly, print',
    );
    expect(text).toContain('99-broken/en.yaml: step "two" has no text');
    expect(text).toContain('99-broken/en.yaml: step "three" is not a step of lesson.yaml');
    expect(text).toContain('99-broken/fr.yaml: unknown file');
  });

  it('asks a state probe for a reveal (the run sends the state only then)', () => {
    const state = `steps:
  - id: one
    load: { example: keyed-state-timers }
    predict:
      answer: { probe: state, node: countWithTimeout, key: user-1, name: count }
      expected: 1
`;
    const en =
      'title: T\nsummary: S\nsteps:\n  one: { text: Hi, question: Q, right: R, wrong: W }\n';
    const result = parseLesson('98-state', { 'lesson.yaml': state, 'en.yaml': en }, parse);
    expect(result.ok ? '' : result.problems.join('\n')).toContain(
      '98-state/lesson.yaml at steps.0.predict: a state or timer probe needs a reveal',
    );
  });

  it('reports YAML syntax errors with the file', () => {
    const result = parseLesson('99-broken', { 'lesson.yaml': 'steps: [', 'en.yaml': en }, parse);
    expect(result.ok ? '' : result.problems[0]).toMatch(/^99-broken\/lesson.yaml: not valid YAML/);
  });
});
