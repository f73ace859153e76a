/**
 * The engine: a deterministic Flink-style dataflow simulator. Pure TypeScript, no DOM.
 *
 *   const sim = createSimulation(validated.doc, { seed: 7, trace: true });
 *   sim.run();
 *   sim.sinkRecords().get('results');
 */
import type { PipelineDocument } from '../pipeline/types';
import type { Simulation, SimulationOptions } from './api';
import { Runtime } from './runtime';

export type * from './api';
export type {
  CompiledExpression,
  Operator,
  OperatorContext,
  OperatorFactory,
  OperatorSetup,
  StreamRecord,
  Timer,
  TimerService,
  TimeDomain,
} from './operators/types';
export { MAX_WATERMARK, MIN_WATERMARK } from './time';
export { keyGroupOf, murmurHash, javaHashCode, subtaskForKey } from './keygroups';
export { ExpressionError, setExpressionProbe } from './expressions';

/**
 * Creates a simulation of a validated document (the `doc` of a successful validateDocument).
 * Throws an Error naming the node when a node's kind cannot run yet or an expression does not
 * compile.
 */
export function createSimulation(doc: PipelineDocument, opts?: SimulationOptions): Simulation {
  return new Runtime(doc, opts);
}
