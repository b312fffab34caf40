/**
 * The dates a request may name, checked at the edge (API bodies and queries, page forms): years
 * 2000 to 2100. Far dates mean nothing to a booking network, and computing around them breaks (the
 * day after 9999-12-31 cannot be written as YYYY-MM-DD). The scheduling core itself takes any
 * date; times are checked by `IsRequestTime` (src/bookings/request-time.validators.ts).
 */
import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { isLocalDate } from '../scheduling';

export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2100-12-31';
/** Wall times run from the first date's midnight to the end of the last (an exclusive end). */
const FIRST_WALL_TIME = `${FIRST_DATE}T00:00`;
const END_OF_LAST_DATE = '2101-01-01T00:00';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a written wall time `YYYY-MM-DDTHH:mm` (its offset aside) is in range, or why not. */
export function wallTimeRangeProblem(written: string): string | null {
  if (written >= FIRST_WALL_TIME && written <= END_OF_LAST_DATE) return null;
  return `must lie between ${FIRST_WALL_TIME} and ${END_OF_LAST_DATE}`;
}

/** What is wrong with a local date of a request (format, a real date, the range), or null. */
export function localDateProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value))
    return 'must be a local date YYYY-MM-DD';
  if (!isLocalDate(value)) return 'is not a real date';
  if (value < FIRST_DATE || value > LAST_DATE) {
    return `must lie between ${FIRST_DATE} and ${LAST_DATE}`;
  }
  return null;
}

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
          const items: unknown[] = Array.isArray(value) ? value : [value];
          const bad = items.find((item) => localDateProblem(item) !== null);
          const label = Array.isArray(value) ? `"${String(bad)}"` : (args?.property ?? 'date');
          return `${label} ${localDateProblem(bad) ?? 'is invalid'}`;
        },
      },
    },
    options,
  );
}
