import { FuzzWorld, openDayAfter, tokenFor } from './fuzz-world';
import {
  ANY_VALUE,
  deepArray,
  deepObject,
  HOSTILE_AUTHORIZATION,
  HOSTILE_DATES,
  HOSTILE_HEADERS,
  HOSTILE_IDS,
  HOSTILE_RULES,
  HOSTILE_TIMES,
  Labeled,
  ODD_NUMBERS,
  ODD_STRINGS,
  percentEncode,
  toJson,
} from './hostile';
import { Random } from './random';
import { FuzzRequest, Role, ROLES } from './runner';

/**
 * Requests derived from the OpenAPI document (`/api/docs-json`): for each operation a plausible
 * request is built from its parameters' and body's schemas (types, formats, patterns, enums,
 * bounds, examples) with real ids from the world, then one part of it is made hostile.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  example?: unknown;
  default?: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  route: string;
  parameters: Parameter[];
  body?: Schema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: any }>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, its body schema resolved. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [route, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema as
        Schema | undefined;
      operations.push({
        method: method.toUpperCase(),
        route,
        parameters: (operation.parameters ?? []).map((p) => ({
          ...p,
          schema: resolve(document, p.schema ?? {}),
        })),
        body: bodySchema && resolveDeep(document, bodySchema),
      });
    }
  }
  return operations;
}

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name];
  if (!target) throw new Error(`OpenAPI: unresolved ${schema.$ref}`);
  return target;
}

function resolveDeep(document: OpenApiDocument, schema: Schema, depth = 0): Schema {
  const own = resolve(document, schema);
  if (depth > 5) return own;
  return {
    ...own,
    items: own.items && resolveDeep(document, own.items, depth + 1),
    properties:
      own.properties &&
      Object.fromEntries(
        Object.entries(own.properties).map(([k, v]) => [k, resolveDeep(document, v, depth + 1)]),
      ),
  };
}

const LOCAL_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const isLocalDate = (s: Schema) => s.pattern === LOCAL_DATE_PATTERN || s.format === 'date';
const isTime = (s: Schema) => s.format === 'date-time';
const VALID_RULES = [
  'FREQ=WEEKLY;COUNT=3',
  'FREQ=DAILY;COUNT=2',
  'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4',
  'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1;COUNT=2',
];
/** Samples for the patterns the DTOs use, where the schema has no example. */
const PATTERN_SAMPLES: Record<string, () => string> = {
  '^[a-z0-9_]{1,50}$': () => 'projector',
  '^[a-z0-9][a-z0-9-]{1,63}$': () => `fuzz-${++sequence}`,
  '^\\+?[0-9 ()-]{5,31}$': () => `+99890${String(1000000 + ++sequence).slice(-7)}`,
};
let sequence = 0;

/** Builds plausible values for schemas, with real ids from the world. */
class Plausible {
  constructor(
    private readonly random: Random,
    private readonly world: FuzzWorld,
    /** Every optional field too (the sweep reaches each), not about half of them. */
    private readonly everyField = false,
  ) {}

  day(): string {
    return openDayAfter(this.world.today, this.random.between(1, 12));
  }

  slot(): { start: string; end: string } {
    const day = this.day();
    const start = this.random.between(9 * 4, 16 * 4) * 15;
    const end = start + this.random.pick([30, 60, 90, 120]);
    const time = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { start: `${day}T${time(start)}`, end: `${day}T${time(Math.min(end, 18 * 60))}` };
  }

  id(name: string): string {
    const pool = this.world.ids[name] ?? this.world.ids[name.replace(/s$/, '')];
    return pool ? this.random.pick(pool) : this.random.uuid();
  }

  value(name: string, schema: Schema): unknown {
    if (schema.enum) return this.random.pick(schema.enum);
    if (schema.properties) return this.object(schema);
    switch (schema.type) {
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? 1;
        return Math.min(schema.maximum ?? min + 5, min + this.random.int(5));
      }
      case 'boolean':
        return this.random.chance(0.5);
      case 'array': {
        const item = schema.items ?? { type: 'string' };
        const singular = name.replace(/s$/, '');
        return [this.value(item.format === 'uuid' ? name : singular, item)];
      }
      case 'object':
        return schema.example !== undefined && this.random.chance(0.5) ? schema.example : {};
      default:
        return this.string(name, schema);
    }
  }

  private string(name: string, schema: Schema): string {
    // An id by its format, or by its name where the rules take any string (`centerId`).
    if (schema.format === 'uuid' || this.world.ids[name]) return this.id(name);
    if (schema.format === 'email') return `fuzz-${++sequence}@test.example`;
    if (isTime(schema)) return this.slot().start;
    if (isLocalDate(schema)) return this.day();
    if (name === 'rule') return this.random.pick(VALID_RULES);
    if (name === 'timezone') return 'Asia/Tashkent';
    if (schema.pattern && PATTERN_SAMPLES[schema.pattern]) return PATTERN_SAMPLES[schema.pattern]();
    if (typeof schema.example === 'string') return schema.example;
    const text = `Fuzz ${name} ${++sequence}`;
    return text.slice(0, schema.maxLength ?? text.length).padEnd(schema.minLength ?? 0, 'x');
  }

  object(schema: Schema): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (schema.required?.includes(key) || this.everyField || this.random.chance(0.4)) {
        out[key] = this.value(key, property);
      }
    }
    pairWindows(out, schema.properties ?? {}, this);
    return out;
  }
}

const WINDOWS = [
  ['start', 'end'],
  ['from', 'to'],
] as const;

/** `start`/`end` and `from`/`to` as a window that makes sense (end after start). */
function pairWindows(
  values: Record<string, unknown>,
  schemas: Record<string, Schema>,
  p: Plausible,
) {
  for (const [a, b] of WINDOWS) {
    if (!schemas[a] || !schemas[b]) continue;
    if (isTime(schemas[a])) {
      const slot = p.slot();
      if (a in values) values[a] = slot.start;
      if (b in values) values[b] = slot.end;
    } else if (isLocalDate(schemas[a])) {
      const first = p.day();
      if (a in values) values[a] = first;
      if (b in values) values[b] = openDayAfter(first, 6);
    }
  }
}

/** A hostile value for a field: its kind's catalog first, then anything of the wrong shape. */
function hostileFor(random: Random, world: FuzzWorld, name: string, schema: Schema): Labeled {
  const catalogs: Array<readonly [Labeled[], number]> = [[ANY_VALUE, 2]];
  if (schema.enum) {
    const first = String(schema.enum[0]);
    catalogs.push([
      [
        ['enum uppercase', first.toUpperCase()],
        ['enum padded', ` ${first} `],
        ['enum unknown', 'unknown_value'],
        ['enum list', schema.enum],
      ],
      2,
    ]);
  }
  switch (schema.type) {
    case 'integer':
    case 'number':
      catalogs.push([ODD_NUMBERS, 4]);
      catalogs.push([
        [
          ['below minimum', (schema.minimum ?? 0) - 1],
          ['above maximum', (schema.maximum ?? 2 ** 31) + 1],
        ],
        2,
      ]);
      break;
    case 'boolean':
      catalogs.push([
        [
          ['"true"', 'true'],
          ['1', 1],
          ['"yes"', 'yes'],
        ],
        2,
      ]);
      break;
    case 'array':
      catalogs.push([
        [
          ['array of 5000', Array(5000).fill(plausibleItem(random, world, name, schema))],
          ['array of 50k empty objects', Array(50_000).fill({})],
          ['array of arrays', [[[]]]],
          ['array of hostile', [random.pick(ODD_STRINGS)[1], null, {}]],
          ['object for array', { 0: 'x' }],
        ],
        3,
      ]);
      break;
    case 'object':
      catalogs.push([
        [
          ['array for object', []],
          ['array of object', [{}]],
          ['string for object', 'x'],
          ...(name === 'openingHours' ? OPENING_HOURS : []),
        ],
        name === 'openingHours' ? 6 : 3,
      ]);
      break;
    default:
      catalogs.push([ODD_STRINGS, 3]);
      catalogs.push([
        [
          ['number for string', 12345],
          ['object for string', { a: 'b' }],
          ['array for string', ['a']],
        ],
        1,
      ]);
      if (isTime(schema)) catalogs.push([HOSTILE_TIMES, 6]);
      if (isLocalDate(schema)) catalogs.push([HOSTILE_DATES, 6]);
      if (name === 'rule') catalogs.push([HOSTILE_RULES, 8]);
      if (name === 'timezone') catalogs.push([TIME_ZONES, 6]);
      if (schema.format === 'uuid') {
        const others = Object.values(world.ids)
          .flat()
          .map((id): Labeled => ['id of another kind', id]);
        catalogs.push([HOSTILE_IDS, 3]);
        catalogs.push([others, 2]);
      }
  }
  return random.pick(random.weighted(catalogs));
}

function plausibleItem(random: Random, world: FuzzWorld, name: string, schema: Schema): unknown {
  return new Plausible(random, world).value(name, schema.items ?? { type: 'string' });
}

const OPENING_HOURS: Labeled[] = [
  ['hours 25:00', { mon: [{ from: '25:00', to: '26:00' }] }],
  ['hours to before from', { mon: [{ from: '18:00', to: '09:00' }] }],
  ['hours 24:00', { mon: [{ from: '00:00', to: '24:00' }] }],
  ['hours empty period', { mon: [{ from: '09:00', to: '09:00' }] }],
  [
    'hours overlapping',
    {
      mon: [
        { from: '09:00', to: '12:00' },
        { from: '11:00', to: '13:00' },
      ],
    },
  ],
  ['hours unknown day', { xyz: [] }],
  ['hours day null', { mon: null }],
  ['hours day string', { mon: '09:00-18:00' }],
  ['hours period empty', { mon: [{}] }],
  ['hours seconds', { mon: [{ from: '09:00:30', to: '18:00' }] }],
  ['hours 1000 periods', { mon: Array(1000).fill({ from: '09:00', to: '10:00' }) }],
  ['hours all closed', { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }],
];

const TIME_ZONES: Labeled<string>[] = [
  ['zone lowercase', 'asia/tashkent'],
  ['zone utc', 'utc'],
  ['zone UTC', 'UTC'],
  ['zone +14', 'Pacific/Kiritimati'],
  ['zone -11', 'Pacific/Niue'],
  ['zone half hour', 'Asia/Kolkata'],
  ['zone 45 min', 'Asia/Kathmandu'],
  ['zone DST', 'America/New_York'],
  ['zone Etc/GMT+12', 'Etc/GMT+12'],
  ['zone offset', '+05:00'],
  ['zone unknown', 'Mars/Olympus_Mons'],
  ['zone NUL', 'Asia/Tashkent\u0000'],
  ['zone local', 'local'],
  ['zone system', 'system'],
];

/** Path segments sent as they are (not encoded): undecodable or odd escapes. */
const RAW_SEGMENTS: Labeled<string>[] = [
  ['%ZZ', '%ZZ'],
  ['%00', '%00'],
  ['overlong slash', '%C0%AF'],
  ['overlong NUL', '%C0%80'],
  ['lone surrogate', '%ED%A0%80'],
  ['%2e%2e', '%2e%2e'],
  ['%u0041', '%u0041'],
  ['percent', '%'],
];

/** Whole bodies of the wrong kind, as raw text. */
const HOSTILE_BODIES: Labeled<string>[] = [
  ['body null', 'null'],
  ['body array', '[]'],
  ['body string', '"x"'],
  ['body number', '1e999'],
  ['body empty', ''],
  ['body {', '{'],
  ['body trailing garbage', '{"a":1}xyz'],
  ['body BOM', '\ufeff{}'],
  ['body deep array 5000', toJson({ email: deepArray(5000) })],
  ['body deep array 1500', toJson({ email: deepArray(1500) })],
  ['body deep object 5000', deepObject(5000).text],
  ['body deep array 100k', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ['body __proto__', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{}}}'],
  [
    'body 20k keys',
    JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]))),
  ],
  ['body array of 100k nulls', JSON.stringify(Array(100_000).fill(null))],
  ['body field of 100k empty objects', JSON.stringify({ equipment: Array(100_000).fill({}) })],
  ['body too large', JSON.stringify({ title: 'x'.repeat(1_100_000) })],
  ['body NUL bytes', '{"a":"\u0000"}\u0000'],
];

type Kind =
  'none' | 'body-field' | 'body' | 'missing' | 'extra' | 'query' | 'path' | 'header' | 'auth';

/**
 * `count` requests from the seeded generator. First a sweep: every operation once plausibly, then
 * as admin (who reaches every service) every field, query value and path id of every operation
 * once with the first value of its kind's catalog (year 9999 for a date, 1e308 for a number…),
 * both ends of every window, and every body once nested 1,500 levels deep. Then requests at
 * random over every operation and role, one part hostile.
 */
export function apiCorpus(
  document: OpenApiDocument,
  world: FuzzWorld,
  random: Random,
  count: number,
): FuzzRequest[] {
  const operations = operationsOf(document).filter((o) => !o.route.startsWith('/api/docs'));
  const requests = sweep(operations, world, random).slice(0, count);
  while (requests.length < count) {
    requests.push(fuzzedRequest(random.pick(operations), world, random, random.pick(ROLES)));
  }
  return requests;
}

function sweep(operations: Operation[], world: FuzzWorld, random: Random): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  for (const op of operations) {
    requests.push(buildRequest(op, world, random, random.pick(ROLES), false, () => 'plausible'));
    const probe = plausibleParts(op, world, random, 'admin', true);
    for (const field of probe.body ? fieldsOf(probe.body, op.body!) : []) {
      requests.push(
        buildRequest(op, world, random, 'admin', true, (parts) => {
          const target = fieldsOf(parts.body!, op.body!).find((f) => f.path === field.path);
          if (!target) return 'plausible';
          const [what, value] = firstHostile(random, world, target.name, target.schema);
          target.set(value);
          return `body.${target.path}=${what}`;
        }),
      );
    }
    for (const param of op.parameters.filter((p) => p.in !== 'header')) {
      requests.push(
        buildRequest(op, world, random, 'admin', true, (parts) => {
          const [what, value] = firstHostile(random, world, param.name, param.schema);
          if (param.in === 'query') parts.query[param.name] = value;
          else parts.pathValues.set(param.name, percentEncode(asText(value)));
          return `${param.in}.${param.name}=${what}`;
        }),
      );
    }
    // A window whose both ends are hostile (one alone is often refused as end before start).
    for (const [a, b] of WINDOWS) {
      const query = op.parameters.filter((p) => p.in === 'query');
      const inQuery = [a, b].map((name) => query.find((p) => p.name === name));
      const inBody = [a, b].map((name) => op.body?.properties?.[name]);
      if (!inQuery.every(Boolean) && !inBody.every(Boolean)) continue;
      requests.push(
        buildRequest(op, world, random, 'admin', true, (parts) => {
          const schema = inQuery[0]?.schema ?? inBody[0]!;
          const [what, value] = firstHostile(random, world, a, schema);
          const target = inQuery.every(Boolean) ? parts.query : parts.body!;
          target[a] = value;
          target[b] = value;
          return `${a} and ${b}=${what}`;
        }),
      );
    }
    if (op.body) {
      requests.push(
        buildRequest(op, world, random, 'admin', true, (parts) => {
          // Deep, yet under the 2,000 values a body may hold (src/common/input-limits.ts).
          parts.rawBody = toJson({ email: deepArray(1500) });
          return 'body deep array 1500';
        }),
      );
    }
  }
  return requests;
}

/** The first value of the catalog that suits the field (the most telling one). */
function firstHostile(random: Random, world: FuzzWorld, name: string, schema: Schema): Labeled {
  if (isTime(schema)) return HOSTILE_TIMES[0];
  if (isLocalDate(schema)) return HOSTILE_DATES[0];
  if (name === 'rule') return HOSTILE_RULES[0];
  if (name === 'timezone') return TIME_ZONES[0];
  if (name === 'openingHours') return OPENING_HOURS[0];
  if (schema.format === 'uuid') return HOSTILE_IDS[0];
  if (schema.enum) return ['enum unknown', 'unknown_value'];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return ['1e308', 1e308];
    case 'boolean':
      return ['"true"', 'true'];
    case 'array':
      return ['array of 50k empty objects', Array(50_000).fill({})];
    case 'object':
      return ['array for object', []];
    default:
      return random.pick(ODD_STRINGS);
  }
}

const asText = (value: unknown) => (typeof value === 'string' ? value : toJson(value));

/** The parts of a request before it is written down; a mutation changes them. */
interface RequestParts {
  pathValues: Map<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  rawBody?: string;
  headers: Record<string, string>;
}

function plausibleParts(
  op: Operation,
  world: FuzzWorld,
  random: Random,
  as: Role,
  everyField: boolean,
): RequestParts {
  const plausible = new Plausible(random, world, everyField);
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathValues = new Map(
    pathParams.map((p) => [p.name, percentEncode(String(plausible.value(p.name, p.schema)))]),
  );
  const query: Record<string, unknown> = {};
  for (const p of queryParams) {
    if (p.required || everyField || random.chance(0.4)) {
      query[p.name] = plausible.value(p.name, p.schema);
    }
  }
  pairWindows(query, Object.fromEntries(queryParams.map((p) => [p.name, p.schema])), plausible);
  const body = op.body ? plausible.object(op.body) : undefined;
  const headers: Record<string, string> = {};
  const token = tokenFor(world, as);
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { pathValues, query, body, headers };
}

/** A plausible request with `mutate` applied; `mutate` answers the label of what it did. */
function buildRequest(
  op: Operation,
  world: FuzzWorld,
  random: Random,
  as: Role,
  everyField: boolean,
  mutate: (parts: RequestParts) => string,
): FuzzRequest {
  const parts = plausibleParts(op, world, random, as, everyField);
  const label = mutate(parts);
  const path = op.route.replace(
    /\{(\w+)\}/g,
    (_, name: string) => parts.pathValues.get(name) ?? name,
  );
  return {
    method: op.method,
    path: path + queryString(parts.query),
    route: op.route,
    headers: parts.headers,
    body: parts.rawBody ?? (parts.body === undefined ? undefined : toJson(parts.body)),
    as,
    label,
  };
}

function fuzzedRequest(op: Operation, world: FuzzWorld, random: Random, as: Role): FuzzRequest {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const kinds: Array<readonly [Kind, number]> = [
    ['none', 1],
    ['header', 1],
    ['auth', 0.5],
  ];
  if (op.body) kinds.push(['body-field', 5], ['body', 1], ['missing', 0.7], ['extra', 0.7]);
  if (queryParams.length > 0) kinds.push(['query', op.body ? 1.5 : 4]);
  if (pathParams.length > 0) kinds.push(['path', 1.5]);
  const kind = random.weighted(kinds);
  return buildRequest(op, world, random, as, false, (parts) => {
    const body = parts.body;
    switch (kind) {
      case 'body-field': {
        const target = random.pick(fieldsOf(body!, op.body!));
        const [what, value] = hostileFor(random, world, target.name, target.schema);
        target.set(value);
        return `body.${target.path}=${what}`;
      }
      case 'body': {
        const [what, text] = random.pick(HOSTILE_BODIES);
        parts.rawBody = text;
        return what;
      }
      case 'missing': {
        const required = op.body!.required ?? [];
        if (required.length === 0) {
          for (const key of Object.keys(body!)) delete body![key];
          return 'body empty object';
        }
        const name = random.pick(required);
        delete body![name];
        return `body without ${name}`;
      }
      case 'extra': {
        const [what, value] = random.pick(ANY_VALUE);
        body![random.pick(['unknownField', 'id', 'status', 'role', 'ownerId'])] = value;
        return `extra field=${what}`;
      }
      case 'query': {
        const param = random.pick(queryParams);
        if (random.chance(0.15)) {
          parts.query[param.name] = [
            new Plausible(random, world).value(param.name, param.schema),
            'x',
          ];
          return `query.${param.name} repeated`;
        }
        const [what, value] = hostileFor(random, world, param.name, param.schema);
        parts.query[param.name] = value;
        return `query.${param.name}=${what}`;
      }
      case 'path': {
        const param = random.pick(pathParams);
        const [what, raw] = random.chance(0.25)
          ? random.pick(RAW_SEGMENTS)
          : (([label, value]) => [label, percentEncode(asText(value))] as const)(
              hostileFor(random, world, param.name, param.schema),
            );
        parts.pathValues.set(param.name, raw);
        return `path.${param.name}=${what}`;
      }
      case 'header': {
        const [what, extra] = random.pick(HOSTILE_HEADERS);
        Object.assign(parts.headers, extra);
        return `header ${what}`;
      }
      case 'auth': {
        const [what, value] = random.pick(HOSTILE_AUTHORIZATION);
        parts.headers.authorization = value;
        return `authorization ${what}`;
      }
      default:
        return 'plausible';
    }
  });
}

interface FieldRef {
  path: string;
  name: string;
  schema: Schema;
  set(value: unknown): void;
}

/** Every field of a body, nested ones included, with a way to replace it. */
function fieldsOf(body: Record<string, unknown>, schema: Schema, prefix = ''): FieldRef[] {
  const refs: FieldRef[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    refs.push({ path, name, schema: property, set: (v) => (body[name] = v) });
    const value = body[name];
    if (property.properties && value && typeof value === 'object' && !Array.isArray(value)) {
      refs.push(...fieldsOf(value as Record<string, unknown>, property, path));
    }
    if (
      property.items?.properties &&
      Array.isArray(value) &&
      value[0] &&
      typeof value[0] === 'object'
    ) {
      refs.push(...fieldsOf(value[0] as Record<string, unknown>, property.items, `${path}[0]`));
    }
  }
  return refs;
}

/** The query string, repeated keys for arrays, other non-strings as JSON. */
function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      params.append(name, typeof one === 'string' ? one : toJson(one));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
