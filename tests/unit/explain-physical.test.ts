/** The physical graph's lanes: each channel's watermark as the receiver's valve sees it. */
import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createSimulation } from '../../src/lib/engine';
import { validateDocument } from '../../src/lib/pipeline';
import { physicalLayout } from '../../src/lib/ui/run/physical';

test('the lanes into the window carry their watermarks, and the lowest holds it back', () => {
  const r = validateDocument(JSON.parse(readFileSync('docs/examples/idle-partition.json', 'utf8')));
  if (!r.ok) throw new Error('invalid example');
  const sim = createSimulation(r.doc);
  sim.runUntil(3500);
  const layout = physicalLayout(r.doc, sim.status(), sim.channels(), () => 'transformation');
  const into = layout.channels.filter((c) => c.to.node === 'counts');
  expect(
    into.map((c) => [c.from.subtask, c.lane?.watermark, c.lane?.status, c.lane?.holding, c.fanIn]),
  ).toEqual([
    [0, 3299, 'active', false, 2],
    [1, 1899, 'active', true, 2],
  ]);
  // Before a run there are no lanes to show.
  expect(
    physicalLayout(r.doc, null, null, () => 'transformation').channels.every(
      (c) => c.lane === null,
    ),
  ).toBe(true);
});
