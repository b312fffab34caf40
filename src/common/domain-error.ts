/**
 * The app's error model is defined in the scheduling core (src/scheduling/domain-error.ts), the
 * bottom layer, so that the pure core can throw it without importing anything; everything above
 * the core imports it from here or from the core's index.
 */
export {
  DomainError,
  ERROR_STATUS,
  validationError,
  type ErrorCode,
  type ErrorExtras,
  type FieldProblem,
  type RuleProblem,
  type Wording,
} from '../scheduling';
