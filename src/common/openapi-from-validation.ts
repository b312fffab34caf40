import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DECORATORS, OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/**
 * The generated OpenAPI document describes each DTO property from the DTOs' class-validator rules,
 * so the rules are written once and the document cannot drift from what the API accepts.
 *
 * Why at run time: Nest's swagger CLI plugin does a similar derivation, but only inside
 * `nest build`; jest compiles with swc and would serve a thinner document than production. Here
 * the same metadata (class-validator's, read through its public storage) completes swagger's
 * property metadata just before the document is built, under `nest build` and jest alike.
 * What a property's `@ApiProperty` says explicitly (description, example, default, a nested
 * class) is kept; the validation facts (type, format, bounds, lengths, pattern, enum, required)
 * come from the rules.
 */

export type SchemaFacts = Record<string, unknown>;
type Derivation = (constraints: unknown[]) => SchemaFacts;

const number = (value: unknown) => (typeof value === 'number' ? value : undefined);

/** class-validator's own decorators, by their registered names, in OpenAPI words. */
const DERIVATIONS = new Map<string, Derivation>([
  ['isString', () => ({ type: 'string' })],
  ['isInt', () => ({ type: 'integer' })],
  ['isNumber', () => ({ type: 'number' })],
  ['isBoolean', () => ({ type: 'boolean' })],
  ['isUuid', () => ({ type: 'string', format: 'uuid' })],
  ['isEmail', () => ({ type: 'string', format: 'email' })],
  [
    'matches',
    ([pattern]) => ({
      type: 'string',
      pattern: pattern instanceof RegExp ? pattern.source : String(pattern),
    }),
  ],
  ['min', ([n]) => ({ minimum: number(n) })],
  ['max', ([n]) => ({ maximum: number(n) })],
  ['minLength', ([n]) => ({ minLength: number(n) })],
  ['maxLength', ([n]) => ({ maxLength: number(n) })],
  [
    'isIn',
    ([values]) => {
      const list = Array.isArray(values) ? values : [];
      const types = new Set(list.map((v) => typeof v));
      return types.size === 1 ? { type: [...types][0], enum: list } : { enum: list };
    },
  ],
  ['isArray', () => ({ type: 'array' })],
  ['arrayMinSize', ([n]) => ({ minItems: number(n) })],
  ['arrayMaxSize', ([n]) => ({ maxItems: number(n) })],
  ['isObject', () => ({ type: 'object' })],
]);

/**
 * How a custom validator (registered with `ValidateBy` under `name`) reads in OpenAPI; its module
 * calls this beside the validator, so the document says what the validator checks.
 */
export function describeValidatorInOpenApi(name: string, derivation: Derivation): void {
  DERIVATIONS.set(name, derivation);
}

/** Keys the rules decide; an explicit `@ApiProperty` keeps every other key. */
const RULED_KEYS = [
  'type',
  'format',
  'pattern',
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
];
const ITEM_KEYS = ['minLength', 'maxLength', 'pattern', 'format', 'enum', 'minimum', 'maximum'];
const PRIMITIVE_TYPES: unknown[] = [String, Number, Boolean, Object, Array, undefined];

/** The OpenAPI facts of one property, from its validation metadata. */
export function factsOf(rules: ValidationMetadata[]): {
  facts: SchemaFacts;
  items: SchemaFacts;
  optional: boolean;
} {
  const facts: SchemaFacts = {};
  const items: SchemaFacts = {};
  let optional = false;
  for (const rule of rules) {
    if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      optional = true;
      continue;
    }
    const derive = rule.name ? DERIVATIONS.get(rule.name) : undefined;
    if (!derive) continue;
    const derived = Object.fromEntries(
      Object.entries(derive(rule.constraints ?? [])).filter(([, v]) => v !== undefined),
    );
    Object.assign(rule.each ? items : facts, derived);
  }
  if (Object.keys(items).length > 0) facts.type = 'array';
  return { facts, items, optional };
}

/** Merges the facts into swagger's metadata of one property (what `@ApiProperty` records). */
function completeProperty(prototype: object, key: string, rules: ValidationMetadata[]): void {
  const existing = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, key) ??
    {}) as SchemaFacts;
  const { facts, items, optional } = factsOf(rules);
  // A description or example from the rules is only a default; the validation facts decide.
  const merged: SchemaFacts = { ...facts, ...existing };
  const explicitClass =
    !PRIMITIVE_TYPES.includes(existing.type) && typeof existing.type !== 'string';
  if (!explicitClass) {
    Object.assign(merged, pick(facts, RULED_KEYS));
    if (facts.type === 'array') {
      const itemType =
        items.type ??
        (existing.isArray && existing.type === String ? 'string' : undefined) ??
        (items.format || items.pattern || items.minLength !== undefined ? 'string' : undefined);
      merged.items = { ...(itemType ? { type: itemType } : {}), ...pick(items, ITEM_KEYS) };
      delete merged.isArray;
    } else if (facts.type === undefined && merged.type === Object) {
      delete merged.type;
    }
  } else {
    // A nested class keeps its schema; only the array's own bounds are added.
    Object.assign(merged, pick(facts, ['minItems', 'maxItems']));
  }
  merged.required = !optional && existing.required !== false;
  Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, merged, prototype, key);
  const listed = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) ??
    []) as string[];
  if (!listed.includes(`:${key}`)) {
    Reflect.defineMetadata(
      DECORATORS.API_MODEL_PROPERTIES_ARRAY,
      [...listed, `:${key}`],
      prototype,
    );
  }
}

function pick(source: SchemaFacts, keys: string[]): SchemaFacts {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

/** A DTO class (what handlers take and class-validator checks). */
export type DtoClass = abstract new (...args: never[]) => object;

/** The classes the API's handlers take (bodies and queries), and the classes nested in them. */
export function dtoClassesOf(app: INestApplication): DtoClass[] {
  const found = new Set<DtoClass>();
  const visit = (candidate: unknown) => {
    if (typeof candidate !== 'function' || PRIMITIVE_TYPES.includes(candidate)) return;
    const type = candidate as DtoClass;
    if (found.has(type)) return;
    const rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
    if (rules.length === 0) return;
    found.add(type);
    for (const rule of rules) {
      const declared = Reflect.getMetadata(
        DECORATORS.API_MODEL_PROPERTIES,
        type.prototype as object,
        rule.propertyName,
      ) as SchemaFacts | undefined;
      visit(declared?.type);
    }
  };
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype;
      if (!controller || Reflect.getMetadata(DECORATORS.API_EXCLUDE_CONTROLLER, controller)) {
        continue;
      }
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        if (name === 'constructor' || typeof prototype[name] !== 'function') continue;
        const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ??
          []) as unknown[];
        types.forEach(visit);
      }
    }
  }
  return [...found];
}

/** Writes the facts of every validated property of these classes into swagger's metadata. */
export function describeValidatedProperties(classes: DtoClass[]): void {
  for (const type of classes) {
    const rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
    const byProperty = getMetadataStorage().groupByPropertyName(rules);
    for (const [key, propertyRules] of Object.entries(byProperty)) {
      completeProperty(type.prototype as object, key, propertyRules);
    }
  }
}

/**
 * Path parameters are ids (API.md: "IDs are UUID strings") except where named otherwise
 * (`token`); swagger knows only that they are strings.
 */
export function describePathIds(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, unknown>)) {
      const parameters = (operation as { parameters?: unknown[] } | undefined)?.parameters;
      if (!Array.isArray(parameters)) continue;
      for (const parameter of parameters as Array<{
        in: string;
        name: string;
        schema?: SchemaFacts;
      }>) {
        if (parameter.in === 'path' && /Id$/.test(parameter.name) && parameter.schema) {
          parameter.schema.format = 'uuid';
        }
      }
    }
  }
  return document;
}
