import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem, validationError } from './domain-error';
import { inputLimitProblem } from './input-limits';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Keys that would reach an object's prototype; class-transformer would otherwise drop them silently. */
const POISONED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function poisonedPath(value: unknown, path: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (POISONED_KEYS.has(key)) return here;
    const inner = poisonedPath((value as Record<string, unknown>)[key], here);
    if (inner) return inner;
  }
  return null;
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
        throw validationError('body', 'must be a JSON object');
      }
      const poisoned = poisonedPath(value, '');
      if (poisoned) throw validationError(poisoned, 'is not an allowed field name');
    }

    const isInput = metadata.type === 'body' || metadata.type === 'query';
    const problem = isDto && isInput ? inputLimitProblem(value, metadata.type) : null;
    if (problem) throw validationError(problem.field, problem.message);
    return super.transform(value, metadata);
  }
}

/** The most problems one answer lists: a hostile input can have thousands, each a line. */
export const MAX_LISTED_PROBLEMS = 50;

/** The one VALIDATION_FAILED error for class-validator's findings (API bodies and page forms). */
export function validationFailure(errors: ValidationError[]): DomainError {
  const details = flatten(errors).slice(0, MAX_LISTED_PROBLEMS);
  const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  return new DomainError('VALIDATION_FAILED', summary || 'Invalid request', { details });
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: validationFailure,
  });
}
