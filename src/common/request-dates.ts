/**
 * The dates a request may name, checked at the edge (API bodies and queries, page forms): years
 * 2000 to 2100. Far dates mean nothing to a booking network, and computing around them breaks (the
 * day after 9999-12-31 cannot be written as YYYY-MM-DD). The scheduling core itself takes any
 * date; times are checked by `IsRequestTime` (src/bookings/request-time.validators.ts).
 */
import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { isLocalDate } from '../scheduling';
import { Wording } from './domain-error';
import { describeValidatorInOpenApi } from './openapi-from-validation';
import { wordConstraint } from './validation';

export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2100-12-31';
/** Wall times run from the first date's midnight to the end of the last (an exclusive end). */
const FIRST_WALL_TIME = `${FIRST_DATE}T00:00`;
const END_OF_LAST_DATE = '2101-01-01T00:00';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A problem's English sentence (the API's) and its wording (what pages translate). */
export interface DateProblem {
  message: string;
  wording: Wording;
}

const OUT_OF_RANGE: Wording = { rule: 'dateRange', values: { from: 2000, to: 2100 } };

/** Whether a written wall time `YYYY-MM-DDTHH:mm` (its offset aside) is in range, or why not. */
export function wallTimeRangeProblem(written: string): DateProblem | null {
  if (written >= FIRST_WALL_TIME && written <= END_OF_LAST_DATE) return null;
  return {
    message: `must lie between ${FIRST_WALL_TIME} and ${END_OF_LAST_DATE}`,
    wording: OUT_OF_RANGE,
  };
}

/** What is wrong with a local date of a request (format, a real date, the range), or null. */
export function localDateProblem(value: unknown): DateProblem | null {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) {
    return { message: 'must be a local date YYYY-MM-DD', wording: { rule: 'localDate' } };
  }
  if (!isLocalDate(value)) return { message: 'is not a real date', wording: { rule: 'localDate' } };
  if (value < FIRST_DATE || value > LAST_DATE) {
    return { message: `must lie between ${FIRST_DATE} and ${LAST_DATE}`, wording: OUT_OF_RANGE };
  }
  return null;
}

/** The first wrong date of a value (a list with `each`), for the message and the wording. */
function firstProblem(value: unknown): { item: unknown; problem: DateProblem | null } {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const item = items.find((candidate) => localDateProblem(candidate) !== null);
  return { item, problem: localDateProblem(item) };
}

describeValidatorInOpenApi('isLocalDate', () => ({ type: 'string', format: 'date' }));

wordConstraint(
  'isLocalDate',
  (value) => firstProblem(value).problem?.wording ?? { rule: 'localDate' },
);

/** A local date `YYYY-MM-DD` that exists and lies within years 2000–2100. */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => localDateProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => {
          // With `each`, the value is the whole list: name the first date that is wrong.
          const value: unknown = args?.value;
          const { item, problem } = firstProblem(value);
          const label = Array.isArray(value) ? `"${String(item)}"` : (args?.property ?? 'date');
          return `${label} ${problem?.message ?? 'is invalid'}`;
        },
      },
    },
    options,
  );
}
