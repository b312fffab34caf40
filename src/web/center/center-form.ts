import { WEEKDAYS } from '../../scheduling';
import { numberOrText } from '../shared/page-input';
import { POLICY_FIELDS } from './center.view';
import { field, FormBody } from '../shared/form';

/**
 * The opening-hours table of a form (`mon_from1`, `mon_to1`, … two periods a day) as the API's
 * `openingHours`: a day without times is closed; a half-filled period is sent as typed, so the
 * API's own rule says what is wrong with it.
 */
export function openingHoursFrom(
  form: FormBody,
): Record<string, Array<{ from: string; to: string }>> {
  return Object.fromEntries(
    WEEKDAYS.map((day) => {
      const periods = [1, 2]
        .map((n) => ({ from: field(form, `${day}_from${n}`), to: field(form, `${day}_to${n}`) }))
        .filter((p) => p.from !== undefined || p.to !== undefined)
        .map((p) => ({ from: p.from ?? '', to: p.to ?? '' }));
      return [day, periods];
    }),
  );
}

/** The booking-rule fields of a form as the API's `policy` (numbers where numbers were typed). */
export function policyFrom(form: FormBody): Record<string, number | string> {
  return Object.fromEntries(
    POLICY_FIELDS.map((name) => [name, numberOrText(field(form, name)) ?? '']),
  );
}
