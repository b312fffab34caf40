import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { DomainError, Wording } from '../common/domain-error';
import { describeValidatorInOpenApi } from '../common/openapi-from-validation';
import { wallTimeRangeProblem } from '../common/request-dates';
import { wordConstraint } from '../common/validation';
import { parseRequestMoment } from '../scheduling';

const HAS_OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/;

/** Whether an ISO 8601 time names its offset (an instant) or not (wall-clock in the center's zone). */
export function hasExplicitOffset(value: string): boolean {
  return HAS_OFFSET.test(value);
}

/** The parts of a request time that need no zone: its format, a real date, a whole minute, its range. */
function zonelessProblem(value: unknown): { message: string; wording: Wording } | null {
  if (typeof value !== 'string') {
    return {
      message: 'must be an ISO 8601 date-time string',
      wording: { rule: 'dateTimeFormat' },
    };
  }
  try {
    parseRequestMoment(value, 'UTC', 'time');
    // The format is checked: the text starts with its wall time, YYYY-MM-DDTHH:mm.
    return wallTimeRangeProblem(value.slice(0, 16));
  } catch (error) {
    if (error instanceof DomainError) {
      const detail = (error.extras.details as Array<{ message: string }> | undefined)?.[0];
      return {
        message: detail?.message ?? error.message,
        wording: { rule: error.wording[0]?.rule ?? 'dateTimeFormat' },
      };
    }
    throw error;
  }
}

wordConstraint(
  'isRequestTime',
  (value) => zonelessProblem(value)?.wording ?? { rule: 'dateTimeFormat' },
);

describeValidatorInOpenApi('isRequestTime', () => ({
  type: 'string',
  format: 'date-time',
  description:
    'ISO 8601 to the minute: with an offset an instant, without one wall-clock time in the center’s zone',
  example: '2026-12-01T14:00',
}));

/**
 * An ISO 8601 time as API.md takes it, checked as far as it can be without the center's zone, so
 * that a malformed time is a 400 before anything is looked up (and before 401, per API.md).
 */
export function IsRequestTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRequestTime',
      validator: {
        validate: (value: unknown) => zonelessProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'time'} ${zonelessProblem(args?.value)?.message ?? 'is invalid'}`,
      },
    },
    options,
  );
}

/**
 * The end comes after `startField` whenever that can be told without the zone: both wall-clock
 * times, or both with an offset. A mix is compared later, in the center's zone.
 */
export function IsAfterField(startField: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isAfterField',
      constraints: [startField],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const start = (args?.object as Record<string, unknown> | undefined)?.[startField];
          if (zonelessProblem(value) !== null || zonelessProblem(start) !== null) return true;
          const [a, b] = [start as string, value as string];
          if (hasExplicitOffset(a) !== hasExplicitOffset(b)) return true;
          return (
            parseRequestMoment(b, 'UTC', 'end').instant >
            parseRequestMoment(a, 'UTC', 'start').instant
          );
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'end'} must be after ${startField}`,
      },
    },
    options,
  );
}
