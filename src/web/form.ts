/** A form body as Nest's Fastify adapter parses it (querystring): repeated fields are arrays. */
export type FormBody = Record<string, string | string[] | undefined>;

/** One field's value, trimmed; the first when the field was sent twice; undefined when empty. */
export function field(form: FormBody | undefined, name: string): string | undefined {
  const value = form?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** Every value of a repeated field (checkboxes), empty ones dropped. */
export function fields(form: FormBody | undefined, name: string): string[] {
  const value = form?.[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => v.trim()).filter(Boolean);
}
