import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError, FieldProblem, validationError, Wording } from './domain-error';

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

/** Keys that would reach an object's prototype; class-transformer would otherwise drop them silently. */
const POISONED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * How deep a body or query may nest objects and arrays (the body itself is level 1). No input of
 * the API comes near it; far deeper input would overflow the stack of the recursive libraries
 * (class-transformer, class-validator) that run after this check.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * The first problem of a body or query's shape: a key that reaches a prototype, or nesting past
 * MAX_INPUT_DEPTH. A walk with its own stack, so no input can overflow the call stack.
 */
function shapeProblem(input: unknown): (FieldProblem & { rule: string }) | null {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [
    { value: input, path: '', depth: 1 },
  ];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_INPUT_DEPTH) {
      return {
        field: path,
        message: `is nested deeper than ${MAX_INPUT_DEPTH} levels`,
        rule: 'nestedValidation',
      };
    }
    const keys = Object.keys(value);
    for (const key of keys) {
      if (POISONED_KEYS.has(key)) {
        return {
          field: path ? `${path}.${key}` : key,
          message: 'is not an allowed field name',
          rule: 'whitelistValidation',
        };
      }
    }
    // Pushed last to first, so that the walk visits fields in their order.
    for (let i = keys.length - 1; i >= 0; i--) {
      const here = path ? `${path}.${keys[i]}` : keys[i];
      pending.push({
        value: (value as Record<string, unknown>)[keys[i]],
        path: here,
        depth: depth + 1,
      });
    }
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
        throw validationError('body', 'must be a JSON object', 'jsonObject');
      }
      const problem = shapeProblem(value);
      if (problem) throw validationError(problem.field, problem.message, problem.rule);
    }
    return super.transform(value, metadata);
  }
}

/** The one VALIDATION_FAILED error for class-validator's findings (API bodies and page forms). */
export function validationFailure(errors: ValidationError[]): DomainError {
  const problems = flatten(errors);
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
