/**
 * One engine case, for trying a change out (not part of the report):
 *   node --expose-gc --import tsx tests/bench/one.ts 1b [events]
 * Prints events per CPU second with trace off and on, beside the hand-written loop.
 */
import { runEngineCases } from './engine';

const id = process.argv[2] ?? '1a';
const events = Number(process.argv[3] ?? 1_000_000);
runEngineCases(
  { off: { [id]: events }, on: { [id]: Math.max(1, Math.floor(events / 2)) }, reps: 1 },
  console.log,
  [id],
);
