/**
 * Per-node chaining, as Flink's startNewChain() (ChainingStrategy.HEAD) and disableChaining()
 * (NEVER): what is chained changes, what the run computes does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../src/lib/engine';
import { chainName, operatorChains } from '../../src/lib/engine/chains';
import { validateDocument, type PipelineDocument } from '../../src/lib/pipeline';
import { loadLocale, setLocale } from '../../src/lib/i18n';
import { problemText } from '../../src/lib/ui/problem-text';
import { physicalLayout } from '../../src/lib/ui/run/physical';
import { makeDoc, type N } from './engine-helpers';

/** generator → plus1 → times2 → big → minus3 → half → out, all forward with parallelism 2. */
function pipeline(chaining: Record<string, string> = {}): PipelineDocument {
  const nodes: N[] = [
    {
      id: 'g',
      kind: 'generator',
      parallelism: 2,
      config: { rate: 20, count: 60, keys: { count: 3, prefix: 'k' } },
    },
    { id: 'plus1', kind: 'map', parallelism: 2, config: { expression: 'value + 1' } },
    { id: 'times2', kind: 'map', parallelism: 2, config: { expression: 'value * 2' } },
    { id: 'big', kind: 'filter', parallelism: 2, config: { expression: 'value > 4' } },
    { id: 'minus3', kind: 'map', parallelism: 2, config: { expression: 'value - 3' } },
    { id: 'half', kind: 'map', parallelism: 2, config: { expression: 'value / 2' } },
    { id: 'out', kind: 'tableSink', parallelism: 2 },
  ];
  return makeDoc(
    nodes.map((n) => (chaining[n.id] ? { ...n, chaining: chaining[n.id] } : n)),
    [
      { from: 'g', to: 'plus1' },
      { from: 'plus1', to: 'times2' },
      { from: 'times2', to: 'big' },
      { from: 'big', to: 'minus3' },
      { from: 'minus3', to: 'half' },
      { from: 'half', to: 'out' },
    ],
  );
}

const names = (doc: PipelineDocument) => operatorChains(doc).map((c) => chainName(c, (id) => id));

function traced(doc: PipelineDocument): Simulation {
  const sim = createSimulation(doc, { trace: true });
  sim.run();
  return sim;
}

describe('startNewChain and disableChaining', () => {
  const plain = pipeline();
  const split = pipeline({ times2: 'startNewChain', minus3: 'disableChaining' });

  it('by default the whole pipeline is one chain', () => {
    expect(names(plain)).toEqual(['g → plus1 → times2 → big → minus3 → half → out']);
  });

  it('startNewChain splits the chain before the node, disableChaining cuts on both sides', () => {
    // times2 heads a new chain that big joins; minus3 stands alone (a one-node chain is not
    // listed), and half starts the next chain itself.
    expect(names(split)).toEqual(['g → plus1', 'times2 → big', 'half → out']);
  });

  it('the physical graph shows the same chains, before and during the run', () => {
    const group = () => 'transformation';
    const sim = createSimulation(split);
    sim.runUntil(500);
    for (const layout of [
      physicalLayout(split, null, null, group),
      physicalLayout(split, sim.status(), sim.channels(), group),
    ]) {
      expect(layout.chains.map((c) => chainName(c, (id) => id))).toEqual(names(split));
      const unchained = [
        ...new Set(layout.channels.filter((c) => !c.chained).map((c) => c.to.node)),
      ];
      expect(unchained).toEqual(['times2', 'minus3', 'half']);
    }
  });

  it('the runtime hands records over chained edges only where the document allows it', () => {
    const sim = createSimulation(split);
    sim.run();
    const chainedInto = (node: string) =>
      sim.channels().filter((c) => c.to.node === node && c.chained).length;
    expect(['plus1', 'times2', 'big', 'minus3', 'half', 'out'].map(chainedInto)).toEqual([
      2, 0, 2, 0, 0, 2,
    ]);
  });

  it('breaking chains changes no result: the same sink rows and counters', () => {
    const a = traced(plain);
    const b = traced(split);
    const rows = (sim: Simulation) =>
      sim
        .sinkRecords()
        .get('out')!
        .map((r) => `${String(r.key)}@${r.timestamp}=${String(r.value)}`)
        .sort();
    expect(rows(a).length).toBeGreaterThan(20);
    expect(rows(b)).toEqual(rows(a));
    const counters = (sim: Simulation) =>
      sim.status().map((s) => [s.node, s.subtask, s.recordsIn, s.recordsOut]);
    expect(counters(b)).toEqual(counters(a));
  });

  it('the trace shows each hop, chained or not, as an emit and a receive', () => {
    const a = traced(plain);
    const b = traced(split);
    const hops = (sim: Simulation, node: string) =>
      sim.trace().events.filter((e) => e.type === 'receive' && e.node === node).length;
    for (const node of ['times2', 'minus3', 'half']) expect(hops(b, node)).toBeGreaterThan(0);
    // A hop through a channel happens at the same virtual time as a chained hand-over, only in
    // another order within that instant: the same events, each at the same time.
    const events = (sim: Simulation) => sim.trace().events.map((e) => JSON.stringify(e));
    expect(events(b)).not.toEqual(events(a));
    expect(events(b).sort()).toEqual(events(a).sort());
  });
});

describe('validation of chaining', () => {
  const doc = (kind: string, chaining: unknown, extra: object = {}) =>
    validateDocument({
      version: 1,
      nodes: [
        { id: 'g', kind: 'generator', ...(kind === 'generator' ? { chaining } : {}) },
        { id: 'k', kind: 'keyBy', ...(kind === 'keyBy' ? { chaining } : {}) },
        { id: 'm', kind: 'map', ...(kind === 'map' ? { chaining } : {}) },
        { id: 's', kind: 'logSink', ...(kind === 'logSink' ? { chaining } : {}) },
      ],
      edges: [
        { id: 'e1', from: 'g', to: 'k' },
        { id: 'e2', from: 'k', to: 'm', partitioning: 'hash' },
        { id: 'e3', from: 'm', to: 's' },
      ],
      ...extra,
    });
  const problems = (kind: string, chaining: unknown) =>
    doc(kind, chaining).problems.map((p) => [p.nodeId, p.field, p.message]);

  it('is optional: a document without it is valid and keeps it absent', () => {
    const r = doc('none', undefined);
    expect(r.ok).toBe(true);
    expect(r.doc!.nodes.every((n) => !('chaining' in n))).toBe(true);
  });

  it('accepts what Flink offers on each kind', () => {
    for (const [kind, c] of [
      ['map', 'startNewChain'],
      ['map', 'disableChaining'],
      ['map', 'default'],
      ['generator', 'disableChaining'],
      ['logSink', 'disableChaining'],
      ['keyBy', 'default'],
    ])
      expect(doc(kind, c).ok, `${kind} ${c}`).toBe(true);
  });

  it('names the node and field and says what is allowed', () => {
    expect(problems('map', 'never')).toEqual([
      ['m', 'chaining', 'node m, chaining: must be default, startNewChain or disableChaining'],
    ]);
    expect(problems('generator', 'startNewChain')[0][2]).toMatch(
      /^node g, chaining: a source has no predecessor.*use default, or disableChaining/,
    );
    expect(problems('logSink', 'startNewChain')[0][2]).toMatch(
      /^node s, chaining: a sink .*has no startNewChain\(\); use disableChaining/,
    );
    expect(problems('keyBy', 'disableChaining')[0][2]).toMatch(
      /^node k, chaining: keyBy is a partitioning in Flink, not an operator/,
    );
  });

  describe('in Chinese', () => {
    afterEach(() => setLocale('en'));
    it('every chaining problem reads in Chinese, still naming the node and the field', async () => {
      await loadLocale('zh-CN');
      await setLocale('zh-CN');
      const all = [
        ...doc('map', 'never').problems,
        ...doc('generator', 'startNewChain').problems,
        ...doc('logSink', 'startNewChain').problems,
        ...doc('keyBy', 'startNewChain').problems,
        ...validateDocument({
          version: 1,
          nodes: [
            { id: 'a', kind: 'generator' },
            { id: 'b', kind: 'generator' },
            { id: 'u', kind: 'union', chaining: 'disableChaining' },
            { id: 's', kind: 'logSink' },
          ],
          edges: [
            { id: 'e1', from: 'a', to: 'u' },
            { id: 'e2', from: 'b', to: 'u' },
            { id: 'e3', from: 'u', to: 's' },
          ],
        }).problems,
      ];
      expect(all).toHaveLength(5);
      for (const p of all) {
        const text = problemText(p);
        expect(text).toContain(p.nodeId!);
        expect(text).toContain('chaining');
        expect(text).toMatch(/[\u4e00-\u9fff]/);
        expect(text).not.toMatch(/\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/);
      }
    });
  });
});
