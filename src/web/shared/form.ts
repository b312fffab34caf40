import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationFailure } from '../../common/validation';

/** A form body as Nest's Fastify adapter parses it (querystring): repeated fields are arrays. */
export type FormBody = Record<string, string | string[] | undefined>;

/**
 * One field's value, trimmed; the first when the field was sent twice; undefined when empty or
 * not text (a JSON body posted to a page may hold anything).
 */
export function field(form: FormBody | undefined, name: string): string | undefined {
  const value: unknown = form?.[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  const trimmed = typeof first === 'string' ? first.trim() : undefined;
  return trimmed ? trimmed : undefined;
}

/** Every value of a repeated field (checkboxes), empty ones and any but text dropped. */
export function fields(form: FormBody | undefined, name: string): string[] {
  const value: unknown = form?.[name];
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * A page's input checked by the API's own DTO class and rules, so a form and a JSON request are
 * refused for the same reasons (VALIDATION_FAILED with the same details).
 */
export async function validatedInput<T extends object>(
  type: new () => T,
  plain: Record<string, unknown>,
): Promise<T> {
  const input = plainToInstance(type, plain);
  const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw validationFailure(errors);
  return input;
}

/** A whole number from a form field, or undefined when the field is empty or not a number. */
export function integerField(form: FormBody | undefined, name: string): number | undefined {
  const value = field(form, name);
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** A list's page number from the query: 1 unless a whole number from 1 to 10 000 is given. */
export function pageNumber(value: string | undefined): number {
  const page = Math.floor(Number(value ?? '1'));
  return Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1;
}
