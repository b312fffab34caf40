import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError, FieldProblem, validationError, Wording } from './domain-error';
import { inputProblem } from './input-limits';

/** What a constraint's first argument is called in its sentence (`min: 1` → `{ min: 1 }`). */
const ARGUMENT_NAMES: Record<string, string> = {
  min: 'min',
  max: 'max',
  minLength: 'min',
  maxLength: 'max',
  arrayMaxSize: 'max',
  isAfterField: 'other',
};

/** Constraints whose wording depends on the value (see `wordConstraint`). */
const WORDERS = new Map<string, (value: unknown) => Wording>();

/**
 * Lets a custom constraint say which of its problems a value has (a request time: its format, a
 * whole minute, a real date…), as the rule of the wording pages translate.
 */
export function wordConstraint(name: string, worder: (value: unknown) => Wording): void {
  WORDERS.set(name, worder);
}

function argumentOf(error: ValidationError, constraint: string): Wording['values'] {
  const name = ARGUMENT_NAMES[constraint];
  const target = error.target?.constructor;
  if (!name || !target) return undefined;
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === constraint);
  const value: unknown = metadata?.constraints?.[0];
  return typeof value === 'number' || typeof value === 'string' ? { [name]: value } : undefined;
}

function wordingOf(error: ValidationError, field: string, constraint: string): Wording {
  const worder = WORDERS.get(constraint);
  if (worder) return { ...worder(error.value), field };
  const values = argumentOf(error, constraint);
  return { rule: constraint, field, ...(values && { values }) };
}

function flatten(
  errors: ValidationError[],
  prefix = '',
): Array<{ detail: FieldProblem; wording: Wording }> {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      detail: { field, message },
      wording: wordingOf(error, field, constraint),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Global input validation (whitelist, unknown fields refused, values converted to the DTO types),
 * plus what class-validator lets through: a body that is not a JSON object, and keys such as
 * `constructor` that class-transformer drops before the unknown-field check can see them.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = typeof metadata.metatype === 'function' && metadata.metatype !== Object;
    if (isDto && (metadata.type === 'body' || metadata.type === 'query')) {
      if (
        metadata.type === 'body' &&
        (typeof value !== 'object' || value === null || Array.isArray(value))
      ) {
        throw validationError('body', 'must be a JSON object', 'jsonObject');
      }
      const problem = inputProblem(value, metadata.type);
      if (problem) throw validationError(problem.field, problem.message, problem.rule);
    }
    return super.transform(value, metadata);
  }
}

/** The most problems one answer lists: a hostile input can have thousands, each a line. */
export const MAX_LISTED_PROBLEMS = 50;

/** The one VALIDATION_FAILED error for class-validator's findings (API bodies and page forms). */
export function validationFailure(errors: ValidationError[]): DomainError {
  const problems = flatten(errors).slice(0, MAX_LISTED_PROBLEMS);
  const details = problems.map((p) => p.detail);
  const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  const error = new DomainError('VALIDATION_FAILED', summary || 'Invalid request', { details });
  for (const { wording } of problems) error.worded(wording.rule, wording.values, wording.field);
  return error;
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // The object and value of each problem, for its wording (a rule's limit, a time's problem);
    // never sent: the answer carries only each field and message.
    validationError: { target: true, value: true },
    exceptionFactory: validationFailure,
  });
}
