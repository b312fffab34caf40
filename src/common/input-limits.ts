import { FieldProblem } from './domain-error';

/**
 * How many values (object fields and array elements, at every level together) one body or query
 * may hold. The largest input the API takes, a series with 1,000 exception dates, holds about
 * 1,100. The check matters because class-transformer and class-validator, which run after it, take
 * time that grows faster than the input: 100,000 empty objects in one array (300 KB, well under the
 * body limit, and refused only after the transformation) held the server for 15 seconds.
 */
export const MAX_INPUT_VALUES = 2_000;

/**
 * How deep a body or query may nest objects and arrays (the body itself is level 1). No input of
 * the API comes near it; far deeper input would overflow the stack of the recursive libraries
 * (class-transformer, class-validator) that run after this check.
 */
export const MAX_INPUT_DEPTH = 32;

/** Keys that would reach an object's prototype; class-transformer would otherwise drop them silently. */
const POISONED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A UTF-16 surrogate without its other half: text no database column or encoder can hold. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A problem of the input's shape, with the rule pages name it by (src/web/i18n/errors.ts). */
export interface InputProblem extends FieldProblem {
  rule: string;
}

/**
 * What makes a body or query unreadable before its fields are checked: nesting past
 * MAX_INPUT_DEPTH, a key that reaches a prototype, more than MAX_INPUT_VALUES values, or a string
 * (value or key) that is not well-formed Unicode (JSON's `"\ud800"` escape makes one; validator.js's
 * isEmail throws on it). One walk with its own stack, so no input can overflow the call stack.
 */
export function inputProblem(input: unknown, root: string): InputProblem | null {
  let count = 0;
  const pending: Array<{ value: unknown; path: string; depth: number }> = [
    { value: input, path: root, depth: 1 },
  ];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return unicodeProblem(path);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_INPUT_DEPTH) {
      return {
        field: path,
        message: `is nested deeper than ${MAX_INPUT_DEPTH} levels`,
        rule: 'nestedValidation',
      };
    }
    const keys = Array.isArray(value) ? null : Object.keys(value);
    count += keys ? keys.length : (value as unknown[]).length;
    if (count > MAX_INPUT_VALUES) {
      return {
        field: root,
        message: `must not hold more than ${MAX_INPUT_VALUES} values`,
        rule: 'tooLong',
      };
    }
    const entries = keys
      ? keys.map((key): [string, unknown] => [key, (value as Record<string, unknown>)[key]])
      : (value as unknown[]).map((v, i): [string, unknown] => [String(i), v]);
    const children: typeof pending = [];
    for (const [key, child] of entries) {
      const here = path === root ? key : `${path}.${key}`;
      if (keys && POISONED_KEYS.has(key)) {
        return {
          field: here,
          message: 'is not an allowed field name',
          rule: 'whitelistValidation',
        };
      }
      if (LONE_SURROGATE.test(key)) return unicodeProblem(here);
      children.push({ value: child, path: here, depth: depth + 1 });
    }
    // Pushed last to first, so that the walk visits fields in their order.
    pending.push(...children.reverse());
  }
  return null;
}

function unicodeProblem(field: string): InputProblem {
  return { field, message: 'is not valid Unicode text', rule: 'unicodeText' };
}
