import { validateDocument } from '../validate';
import type { PipelineDocument } from '../types';
import { boundedBatch } from './boundedBatch';
import { checkpoints } from './checkpoints';
import { clicksPerUser, exampleJson } from './clicksPerUser';
import { countWindows } from './countWindows';
import { dataflowBasics } from './dataflowBasics';
import { keyedStateTimers } from './keyedStateTimers';
import { parallelismKeyBy } from './parallelismKeyBy';
import { timeNotions } from './timeNotions';
import { timeWindows } from './timeWindows';
import { watermarksLateness } from './watermarksLateness';
import type { Example } from './types';

export type { Example } from './types';
export { exampleJson };

/** The example gallery, in teaching order: one idea of the Flink model after another. */
export const EXAMPLES: readonly Example[] = [
  dataflowBasics,
  parallelismKeyBy,
  timeWindows,
  countWindows,
  timeNotions,
  watermarksLateness,
  keyedStateTimers,
  checkpoints,
  boundedBatch,
  clicksPerUser,
];

/** An example as a validated document (defaults filled in); throws if the example is broken. */
export function exampleDocumentOf(example: Example): PipelineDocument {
  const result = validateDocument(structuredClone(example.json));
  if (!result.ok)
    throw new Error(
      `the built-in example ${example.id} is invalid: ${result.problems.map((p) => p.message).join('; ')}`,
    );
  return result.doc;
}

/** The first pipeline a person sees (clicks per user). */
export function exampleDocument(): PipelineDocument {
  return exampleDocumentOf(clicksPerUser);
}
