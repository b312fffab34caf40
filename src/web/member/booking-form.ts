import { DateTime } from 'luxon';
import { CreateBookingInput, Purpose, PURPOSES } from '../../bookings';
import { field, FormBody, fields, integerField, validatedInput } from '../shared/form';

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Repeat = 'none' | 'daily' | 'weekly';

/** What the booking form holds, as the person typed it (shown again on every answer). */
export interface BookingFormValues {
  centerId?: string;
  resourceId?: string;
  date: string;
  startTime: string;
  endTime: string;
  title: string;
  purpose: Purpose;
  attendees?: number;
  ownerId?: string;
  repeat: Repeat;
  weekdays: string[];
  ends: 'count' | 'until';
  count?: number;
  until?: string;
  /** Units asked for per equipment pool id. */
  equipment: Record<string, number>;
  idempotencyKey: string;
}

function isPurpose(value: string | undefined): value is Purpose {
  return (PURPOSES as readonly string[]).includes(value ?? '');
}

/** The form's first state: today (in the center's zone) from the next whole hour, for two hours. */
export function defaultValues(now: number, zone: string, key: string): BookingFormValues {
  const start = DateTime.fromMillis(now, { zone }).startOf('hour').plus({ hours: 1 });
  return {
    date: start.toISODate()!,
    startTime: start.toFormat('HH:mm'),
    endTime: start.plus({ hours: 2 }).toFormat('HH:mm'),
    title: '',
    purpose: 'work',
    repeat: 'none',
    weekdays: [],
    ends: 'count',
    count: 4,
    equipment: {},
    idempotencyKey: key,
  };
}

/** Values from a query string (links that prefill the form) or a posted form, over the defaults. */
export function valuesFrom(form: FormBody, defaults: BookingFormValues): BookingFormValues {
  const equipment: Record<string, number> = {};
  for (const name of Object.keys(form)) {
    const match = /^equipment_(.+)$/.exec(name);
    const units = integerField(form, name);
    if (match && units !== undefined && units > 0) equipment[match[1]] = units;
  }
  const repeat = field(form, 'repeat');
  const purpose = field(form, 'purpose');
  return {
    centerId: field(form, 'center') ?? defaults.centerId,
    resourceId: field(form, 'resourceId') ?? defaults.resourceId,
    date: field(form, 'date') ?? defaults.date,
    startTime: field(form, 'startTime') ?? defaults.startTime,
    endTime: field(form, 'endTime') ?? defaults.endTime,
    title: field(form, 'title') ?? defaults.title,
    purpose: isPurpose(purpose) ? purpose : defaults.purpose,
    attendees: integerField(form, 'attendees') ?? defaults.attendees,
    ownerId: field(form, 'ownerId') ?? defaults.ownerId,
    repeat: repeat === 'daily' || repeat === 'weekly' ? repeat : 'none',
    weekdays: fields(form, 'weekdays').filter((d) =>
      (WEEKDAY_CODES as readonly string[]).includes(d),
    ),
    ends: field(form, 'ends') === 'until' ? 'until' : 'count',
    count: integerField(form, 'count') ?? defaults.count,
    until: field(form, 'until') ?? defaults.until,
    equipment: Object.keys(equipment).length > 0 ? equipment : defaults.equipment,
    idempotencyKey: field(form, 'idempotencyKey') ?? defaults.idempotencyKey,
  };
}

/** The RRULE the API takes for the chosen repetition, or undefined for a single booking. */
export function ruleOf(values: BookingFormValues): string | undefined {
  if (values.repeat === 'none') return undefined;
  const parts = [`FREQ=${values.repeat === 'daily' ? 'DAILY' : 'WEEKLY'}`];
  if (values.repeat === 'weekly' && values.weekdays.length > 0) {
    parts.push(`BYDAY=${values.weekdays.join(',')}`);
  }
  if (values.ends === 'until' && values.until)
    parts.push(`UNTIL=${values.until.replace(/-/g, '')}`);
  else parts.push(`COUNT=${values.count ?? 1}`);
  return parts.join(';');
}

/** The API's booking input for these values, checked by the API's own rules. */
export function bookingInput(
  values: BookingFormValues,
  options: { dryRun: boolean; skipConflicts: boolean },
): Promise<CreateBookingInput> {
  const rule = ruleOf(values);
  const equipment = Object.entries(values.equipment).map(([resourceId, quantity]) => ({
    resourceId,
    quantity,
  }));
  return validatedInput(CreateBookingInput, {
    resourceId: values.resourceId ?? '',
    start: `${values.date}T${values.startTime}`,
    end: `${values.date}T${values.endTime}`,
    ...(values.title ? { title: values.title } : {}),
    purpose: values.purpose,
    ...(values.attendees !== undefined ? { attendees: values.attendees } : {}),
    ...(rule ? { recurrence: { rule } } : {}),
    ...(equipment.length > 0 ? { equipment } : {}),
    ...(values.ownerId ? { ownerId: values.ownerId } : {}),
    skipConflicts: options.skipConflicts,
    dryRun: options.dryRun,
  });
}

/** The query string of a link that opens the form prefilled with these values (no key). */
export function formQuery(values: BookingFormValues): string {
  const query = new URLSearchParams();
  const put = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') query.append(name, String(value));
  };
  put('center', values.centerId);
  put('resourceId', values.resourceId);
  put('date', values.date);
  put('startTime', values.startTime);
  put('endTime', values.endTime);
  put('title', values.title);
  put('purpose', values.purpose);
  put('attendees', values.attendees);
  put('ownerId', values.ownerId);
  if (values.repeat !== 'none') {
    put('repeat', values.repeat);
    for (const day of values.weekdays) put('weekdays', day);
    put('ends', values.ends);
    put(
      values.ends === 'until' ? 'until' : 'count',
      values.ends === 'until' ? values.until : values.count,
    );
  }
  for (const [pool, units] of Object.entries(values.equipment)) put(`equipment_${pool}`, units);
  return query.toString();
}

/** Whether these values are a one-off booking without equipment: booked in one step. */
export function isSimpleOneOff(values: BookingFormValues): boolean {
  return values.repeat === 'none' && Object.keys(values.equipment).length === 0;
}
