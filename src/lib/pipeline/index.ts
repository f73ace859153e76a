/** The pipeline document: types, schema validation, migrations and examples. No DOM. */
export * from './types';
export {
  validateDocument,
  parseDocumentText,
  graphProblems,
  type ValidationResult,
} from './validate';
export { migrate } from './migrate';
export { CURRENT_VERSION } from './schema';
export { KINDS, KIND_NAMES, kindInfo } from './kinds';
export {
  exampleDocument,
  exampleJson,
  exampleDocumentOf,
  EXAMPLES,
  type Example,
} from './examples';
export { userCode, type UserCode } from './code';
export { chainingChoices } from './chainingChecks';
