import { FieldProblem } from './domain-error';

/**
 * How many values (object fields and array elements, at every level together) one body or query
 * may hold. The largest input the API takes, a series with 1,000 exception dates, holds about
 * 1,100. The check matters because class-transformer and class-validator, which run after it, take
 * time that grows faster than the input: 100,000 empty objects in one array (300 KB, well under the
 * body limit, and refused only after the transformation) held the server for 15 seconds.
 */
export const MAX_INPUT_VALUES = 2_000;

/** A UTF-16 surrogate without its other half: text no database column or encoder can hold. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What makes a body or query unreadable before its fields are checked: more than
 * MAX_INPUT_VALUES values, or a string (value or key) that is not well-formed Unicode (JSON's
 * `"\ud800"` escape makes one; validator.js's isEmail throws on it). Walked with its own stack.
 */
export function inputLimitProblem(input: unknown, root: string): FieldProblem | null {
  let count = 0;
  const pending: Array<{ value: unknown; path: string }> = [{ value: input, path: root }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return { field: path, message: 'is not valid Unicode text' };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const keys = Array.isArray(value) ? null : Object.keys(value);
    count += keys ? keys.length : (value as unknown[]).length;
    if (count > MAX_INPUT_VALUES) {
      return { field: root, message: `must not hold more than ${MAX_INPUT_VALUES} values` };
    }
    const entries = keys
      ? keys.map((key): [string, unknown] => [key, (value as Record<string, unknown>)[key]])
      : (value as unknown[]).map((v, i): [string, unknown] => [String(i), v]);
    for (const [key, child] of entries) {
      const here = path === root ? key : `${path}.${key}`;
      if (LONE_SURROGATE.test(key)) return { field: here, message: 'is not valid Unicode text' };
      pending.push({ value: child, path: here });
    }
  }
  return null;
}
