/**
 * How many values (object fields and array elements, at every level together) one body or query
 * may hold. The largest input the API takes, a series with 1,000 exception dates, holds about
 * 1,100. The check matters because class-transformer and class-validator, which run after it, take
 * time that grows faster than the input: 100,000 empty objects in one array (300 KB, well under the
 * body limit, and refused only after the transformation) held the server for 15 seconds.
 */
export const MAX_INPUT_VALUES = 2_000;

/** Whether an input holds more than MAX_INPUT_VALUES values; walked with its own stack. */
export function holdsTooManyValues(input: unknown): boolean {
  let count = 0;
  const pending: unknown[] = [input];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    const children = Array.isArray(value)
      ? (value as unknown[])
      : Object.values(value as Record<string, unknown>);
    count += children.length;
    if (count > MAX_INPUT_VALUES) return true;
    for (const child of children) pending.push(child);
  }
  return false;
}
