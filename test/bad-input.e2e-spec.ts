import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { ADMIN, ApiResponse, startTestApp, TestApp } from './support/test-app';
import { Actor, createCenter, createResource, createUser } from './support/world';

/**
 * "No input produces a 500 or leaves a partial booking": every write route gets a battery of
 * hostile bodies from an admin (so authorization is never what refuses them). Each answer must be
 * a 4xx in the error shape of API.md, and no table may change, row for row.
 */

/** Makes names that must be unique (slugs, emails) differ between cases. */
let seq = 0;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const HUGE = 'x'.repeat(100_000);
const OVER_ONE_MIB = `{"title":"${'x'.repeat(1_100_000)}"}`;
const WEEK = {
  mon: [{ from: '09:00', to: '18:00' }],
  tue: [{ from: '09:00', to: '18:00' }],
  wed: [{ from: '09:00', to: '18:00' }],
  thu: [{ from: '09:00', to: '18:00' }],
  fri: [{ from: '09:00', to: '18:00' }],
  sat: [{ from: '09:00', to: '18:00' }],
  sun: [],
};
/** The tables of the schema; a snapshot that misses one of them fails loudly. */
const TABLES = [
  'allocations',
  'audit_entries',
  'bookings',
  'centers',
  'closures',
  'idempotency_keys',
  'occurrences',
  'organizations',
  'resources',
  'user_centers',
  'users',
];

interface Fixtures {
  admin: Actor;
  member: Actor;
  centerId: string;
  centerSlug: string;
  otherCenterId: string;
  deskId: string;
  approvalRoomId: string;
  patchRoomId: string;
  poolId: string;
  pendingBookingId: string;
  seriesBookingId: string;
  moveBookingId: string;
  moveOccurrenceId: string;
  patchUserId: string;
  organizationId: string;
  organizationName: string;
}

type Kind =
  | 'string'
  | 'datetime'
  | 'date'
  | 'uuid'
  | 'enum'
  | 'email'
  | 'int'
  | 'bool'
  | 'object'
  | 'nested'
  | 'array';

interface Field {
  kind: Kind;
  required?: boolean;
  min?: number;
  max?: number;
  /** For arrays: what the elements are. */
  of?: 'string' | 'uuid' | 'date' | 'object';
}

interface Case {
  label: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Default 400. */
  status?: number | 'any4xx';
  /** Default VALIDATION_FAILED when the status is 400; null: any code. */
  code?: string | null;
}

interface Route {
  name: string;
  method: 'POST' | 'PATCH';
  path: (f: Fixtures) => string;
  /** A body the route accepts; every case differs from it in one thing. */
  base: (f: Fixtures) => Record<string, unknown>;
  fields: Record<string, Field>;
  extra?: (f: Fixtures) => Case[];
}

// ------------------------------------------------------------------ value tables

const NOT_STRINGS: unknown[] = [12345, -1.5, 0, true, false, {}, { a: 1 }, [], ['x']];
const NOT_INTS: unknown[] = ['5', 'abc', '', true, false, {}, [], [5], { value: 5 }];
const NOT_BOOLS: unknown[] = ['true', 'false', 1, 0, 'yes', {}, [], [true]];
const NOT_OBJECTS: unknown[] = ['x', '', 1, 0, true, [], [{}]];
const NOT_ARRAYS: unknown[] = ['x', '', 1, true, {}, { 0: 'a', length: 1 }];
const BAD_DATE_TIMES = [
  '2026-13-45T25:61',
  '2026-12-01T10:00:30',
  '2026-12-01T10:00:00.500Z',
  '2026-12-01T10:00:59+05:00',
  '2026-02-30T10:00',
  '2026-12-01T24:30',
  '2026-12-01',
  '2026-12-01 10:00',
  '2026-12-01T10:00+25:00',
  '2026-12-01T10',
  'tomorrow',
  '',
  ' 2026-12-02T10:00',
];
/** Real but absurd instants: refused, with a 400 or a 422. */
const ODD_DATE_TIMES = ['0000-01-01T10:00', '9999-12-31T10:00', '1970-01-01T00:00Z'];
const BAD_DATES = ['2026-13-45', '2026-02-30', '2026-12-01T10:00', '26-12-01', '2026-1-1', ''];
const BAD_RRULES: Array<[string, string]> = [
  ['FREQ=WEEKLY', 'INVALID_RECURRENCE'],
  ['garbage', 'INVALID_RECURRENCE'],
  ['FREQ=HOURLY;INTERVAL=2;BYHOUR=1;COUNT=3', 'INVALID_RECURRENCE'],
  ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1', 'INVALID_RECURRENCE'],
  ['FREQ=SECONDLY;COUNT=5', 'INVALID_RECURRENCE'],
  ['FREQ=WEEKLY;COUNT=0', 'INVALID_RECURRENCE'],
  ['FREQ=WEEKLY;COUNT=99999', 'TOO_MANY_OCCURRENCES'],
  ['FREQ=WEEKLY;UNTIL=notadate', 'INVALID_RECURRENCE'],
  ['FREQ=WEEKLY;COUNT=-1', 'INVALID_RECURRENCE'],
  ['FREQ=WEEKLY;COUNT=2.5', 'INVALID_RECURRENCE'],
  ['FREQ=WEEKLY;COUNT=3;UNTIL=20261231', 'INVALID_RECURRENCE'],
  ['FREQ=WEEKLY;COUNT=3;COUNT=4', 'INVALID_RECURRENCE'],
  ['FREQ=DAILY;INTERVAL=0;COUNT=3', 'INVALID_RECURRENCE'],
  ['FREQ=DAILY;UNTIL=20261101', 'INVALID_RECURRENCE'],
  ['FREQ=DAILY;UNTIL=20261340', 'INVALID_RECURRENCE'],
  ['FREQ=MONTHLY;BYSETPOS=1;COUNT=3', 'INVALID_RECURRENCE'],
  ['FREQ=WEEKLY;BYDAY=XX;COUNT=3', 'INVALID_RECURRENCE'],
  ['FREQ=WEEKLY;COUNT=3;TZID=Europe/Paris', 'INVALID_RECURRENCE'],
  ['FREQ=WEEKLY;COUNT=3\nDTSTART:20261202T100000Z', 'INVALID_RECURRENCE'],
  ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;UNTIL=99991231', 'TOO_FAR_AHEAD'],
  ['FREQ=DAILY;INTERVAL=999999;COUNT=2', 'TOO_FAR_AHEAD'],
  ['RRULE:', 'INVALID_RECURRENCE'],
  [';;;', 'INVALID_RECURRENCE'],
  ['FREQ=DAILY;COUNT=3;X-NAME=1', 'INVALID_RECURRENCE'],
];

/** A stack frame, a source path, or a database or runtime error name in an answer. */
const LEAK =
  /\bat \S+ \(|\.(ts|js):\d+:\d+|node_modules|SQLITE_|QueryFailedError|TypeError|ReferenceError|Cannot read propert/;

function outOfRange(min: number, max: number): number[] {
  const candidates = [
    min - 1,
    -1,
    0,
    min + 0.5,
    -0.5,
    max + 1,
    1e9,
    1e21,
    -1e21,
    Number.MAX_SAFE_INTEGER + 2,
  ];
  return [...new Set(candidates)].filter((v) => !(Number.isInteger(v) && v >= min && v <= max));
}

// ------------------------------------------------------------------ body surgery

type Json = Record<string, unknown>;

function withField(base: Json, path: string, value: unknown): Json {
  const copy = structuredClone(base);
  const keys = path.split('.');
  let target: any = copy;
  for (const key of keys.slice(0, -1)) target = target[key];
  target[keys[keys.length - 1]] = value;
  return copy;
}

function withoutField(base: Json, path: string): Json {
  const copy = structuredClone(base);
  const keys = path.split('.');
  let target: any = copy;
  for (const key of keys.slice(0, -1)) target = target[key];
  delete target[keys[keys.length - 1]];
  return copy;
}

/** The base body as raw JSON with a dangerous key first (JSON.stringify cannot write __proto__). */
function rawWithKey(base: Json, key: string, value: unknown): string {
  const rest = JSON.stringify(base).slice(1);
  return `{${JSON.stringify(key)}:${JSON.stringify(value)}${rest === '}' ? '' : ','}${rest}`;
}

/**
 * Bodies that are wrong as a whole. The ones a lenient parser might accept come last, so that an
 * accepted one cannot change what the cases after it meet.
 */
function genericCases(route: Route, fresh: () => Json): Case[] {
  const hasRequired = Object.values(route.fields).some((field) => field.required);
  const cases: Case[] = [
    { label: 'malformed JSON', rawBody: '{"a":' },
    { label: 'truncated body', rawBody: JSON.stringify(fresh()).slice(0, -1) },
    { label: 'trailing garbage', rawBody: `${JSON.stringify(fresh())}}` },
    { label: 'empty JSON body', rawBody: '' },
    { label: 'whitespace JSON body', rawBody: '  \n ' },
    {
      label: 'text/plain body',
      rawBody: 'hello',
      headers: { 'content-type': 'text/plain' },
      status: 'any4xx',
      code: null,
    },
    { label: 'unknown field', body: { ...fresh(), bogus: 1 } },
    { label: 'unknown field "id"', body: { ...fresh(), id: UNKNOWN_ID } },
    { label: 'unknown field "isAdmin" (mass assignment)', body: { ...fresh(), isAdmin: true } },
    { label: '__proto__ key', rawBody: rawWithKey(fresh(), '__proto__', { polluted: 'yes' }) },
    {
      label: 'constructor.prototype key',
      rawBody: rawWithKey(fresh(), 'constructor', { prototype: { polluted: 'yes' } }),
    },
    { label: 'body over 1 MiB', rawBody: OVER_ONE_MIB, status: 413, code: null },
  ];
  if (hasRequired) {
    cases.push({ label: 'empty object', body: {} });
    cases.push({ label: 'no body at all' });
  }
  cases.push(
    { label: 'JSON array', rawBody: '[]' },
    { label: 'JSON array holding the body', body: [fresh()] },
    { label: 'JSON string', body: 'a string' },
    { label: 'JSON number', body: 42 },
    { label: 'JSON true', body: true },
    { label: 'JSON null', rawBody: 'null' },
    {
      label: 'unknown field "constructor"',
      rawBody: rawWithKey(fresh(), 'constructor', { name: 'x' }),
    },
  );
  return cases;
}

function fieldCases(fresh: () => Json, path: string, field: Field): Case[] {
  const cases: Case[] = [];
  const set = (label: string, value: unknown, expected: Partial<Case> = {}) =>
    cases.push({ label: `${path}: ${label}`, body: withField(fresh(), path, value), ...expected });
  if (field.required) {
    cases.push({ label: `${path}: missing`, body: withoutField(fresh(), path) });
    set('null', null);
  }
  const strings = () => NOT_STRINGS.forEach((v) => set(`wrong type ${JSON.stringify(v)}`, v));
  switch (field.kind) {
    case 'string':
    case 'email':
    case 'enum':
      strings();
      set('100k characters', HUGE);
      if (field.kind === 'email') set('not an email', 'not-an-email');
      if (field.kind === 'enum') {
        set('not one of the values', 'bogus');
        set('upper case', ((fresh()[path] as string | undefined) ?? 'x').toUpperCase());
      }
      break;
    case 'uuid':
      strings();
      set('100k characters', HUGE);
      set('not a UUID', 'not-a-uuid');
      set('almost a UUID', '00000000-0000-4000-8000-00000000000g');
      break;
    case 'datetime':
      strings();
      set('100k characters', HUGE);
      for (const value of BAD_DATE_TIMES) set(JSON.stringify(value), value);
      for (const value of ODD_DATE_TIMES) {
        set(JSON.stringify(value), value, { status: 'any4xx', code: null });
      }
      break;
    case 'date':
      strings();
      set('100k characters', HUGE);
      for (const value of BAD_DATES) set(JSON.stringify(value), value);
      break;
    case 'int':
      NOT_INTS.forEach((v) => set(`wrong type ${JSON.stringify(v)}`, v));
      for (const value of outOfRange(field.min ?? 1, field.max ?? 10_000)) {
        set(`out of range ${value}`, value);
      }
      break;
    case 'bool':
      NOT_BOOLS.forEach((v) => set(`wrong type ${JSON.stringify(v)}`, v));
      break;
    case 'object':
    case 'nested':
      NOT_OBJECTS.forEach((v) => set(`wrong type ${JSON.stringify(v)}`, v));
      set('unknown key inside', { ...(fresh()[path.split('.')[0]] as Json), bogus: 1 });
      break;
    case 'array':
      NOT_ARRAYS.forEach((v) => set(`wrong type ${JSON.stringify(v)}`, v));
      if (field.of === 'object') {
        for (const v of [[1], ['x'], [null], [[]], [true]]) set(`elements ${JSON.stringify(v)}`, v);
      } else {
        for (const v of [[1], [null], [{}], [[]], [true], [HUGE]]) {
          set(`elements ${JSON.stringify(v).slice(0, 30)}`, v);
        }
        if (field.of === 'uuid') set('element not a UUID', ['not-a-uuid']);
        if (field.of === 'date') set('element not a date', ['2026-02-30']);
        if (field.of === 'string') set('element not a word', ['Not A Feature!']);
      }
      set('10 000 elements', new Array(10_000).fill(field.of === 'object' ? {} : 'a'));
      break;
  }
  return cases;
}

// ------------------------------------------------------------------ the routes

const ROUTES: Route[] = [
  {
    name: 'POST /api/v1/auth/login',
    method: 'POST',
    path: () => '/api/v1/auth/login',
    base: () => ({ email: ADMIN.email, password: ADMIN.password }),
    fields: {
      email: { kind: 'string', required: true },
      password: { kind: 'string', required: true },
    },
    extra: () => [
      {
        label: 'wrong password',
        body: { email: ADMIN.email, password: 'wrong-password' },
        status: 401,
        code: 'INVALID_CREDENTIALS',
      },
      {
        label: 'unknown email',
        body: { email: 'nobody@test.example', password: ADMIN.password },
        status: 401,
        code: 'INVALID_CREDENTIALS',
      },
      {
        label: 'SQL in the email',
        body: { email: "' OR 1=1 --", password: "' OR '1'='1" },
        status: 401,
        code: 'INVALID_CREDENTIALS',
      },
      {
        label: 'empty password',
        body: { email: ADMIN.email, password: '' },
        status: 'any4xx',
        code: null,
      },
    ],
  },
  {
    name: 'POST /api/v1/users',
    method: 'POST',
    path: () => '/api/v1/users',
    base: () => ({
      name: 'Base user',
      email: `base-user-${++seq}@test.example`,
      phone: '+998901234567',
      password: 'base-password-1',
      role: 'member',
      centerIds: [],
      locale: 'en',
    }),
    fields: {
      name: { kind: 'string', required: true },
      email: { kind: 'email' },
      phone: { kind: 'string' },
      password: { kind: 'string' },
      role: { kind: 'enum', required: true },
      centerIds: { kind: 'array', of: 'uuid' },
      organizationId: { kind: 'uuid' },
      locale: { kind: 'enum' },
    },
    extra: (f) => [
      {
        label: 'short password',
        body: { name: 'x', email: 'a@b.example', password: 'short', role: 'member' },
      },
      { label: 'role superuser', body: { name: 'x', email: 'a@b.example', role: 'superuser' } },
      {
        label: 'coordinator without centers',
        body: { name: 'x', email: 'c@b.example', role: 'coordinator' },
      },
      {
        label: 'coordinator of an unknown center',
        body: { name: 'x', email: 'c@b.example', role: 'coordinator', centerIds: [UNKNOWN_ID] },
        status: 'any4xx',
        code: null,
      },
      {
        label: 'unknown organization',
        body: { name: 'x', email: 'o@b.example', role: 'member', organizationId: UNKNOWN_ID },
        status: 'any4xx',
        code: null,
      },
      {
        label: 'email taken (other case)',
        body: { name: 'x', email: f.member.email.toUpperCase(), role: 'member' },
        status: 'any4xx',
        code: null,
      },
      { label: 'phone letters', body: { name: 'x', phone: 'call me', role: 'member' } },
      {
        label: 'neither email nor valid phone',
        body: { name: 'x', role: 'member' },
        status: 'any4xx',
        code: null,
      },
    ],
  },
  {
    name: 'PATCH /api/v1/users/:id',
    method: 'PATCH',
    path: (f) => `/api/v1/users/${f.patchUserId}`,
    base: () => ({ name: 'Renamed user', locale: 'ru' }),
    fields: {
      name: { kind: 'string' },
      email: { kind: 'email' },
      phone: { kind: 'string' },
      password: { kind: 'string' },
      currentPassword: { kind: 'string' },
      role: { kind: 'enum' },
      centerIds: { kind: 'array', of: 'uuid' },
      organizationId: { kind: 'uuid' },
      locale: { kind: 'enum' },
      active: { kind: 'bool' },
    },
    extra: (f) => [
      { label: 'short password', body: { password: 'short' } },
      { label: 'phone letters', body: { phone: 'call me' } },
      {
        label: 'email taken (other case)',
        body: { email: f.member.email.toUpperCase() },
        status: 'any4xx',
        code: null,
      },
      {
        label: 'unknown organization',
        body: { organizationId: UNKNOWN_ID },
        status: 'any4xx',
        code: null,
      },
      {
        label: 'unknown center',
        body: { centerIds: [UNKNOWN_ID] },
        status: 'any4xx',
        code: null,
      },
      {
        label: 'coordinator of no center',
        body: { role: 'coordinator', centerIds: [] },
        status: 'any4xx',
        code: null,
      },
    ],
  },
  {
    name: 'POST /api/v1/organizations',
    method: 'POST',
    path: () => '/api/v1/organizations',
    base: () => ({ name: `Base NGO ${++seq}` }),
    fields: { name: { kind: 'string', required: true } },
    extra: (f) => [
      { label: 'empty name', body: { name: '' } },
      {
        label: 'name taken (other case)',
        body: { name: f.organizationName.toUpperCase() },
        status: 'any4xx',
        code: null,
      },
    ],
  },
  {
    name: 'PATCH /api/v1/organizations/:id',
    method: 'PATCH',
    path: (f) => `/api/v1/organizations/${f.organizationId}`,
    base: () => ({ name: `Renamed NGO ${++seq}` }),
    fields: { name: { kind: 'string', required: true } },
  },
  {
    name: 'POST /api/v1/centers',
    method: 'POST',
    path: () => '/api/v1/centers',
    base: () => ({
      slug: `base-center-${++seq}`,
      name: 'Base center',
      city: 'Samarkand',
      region: 'Samarkand',
      timezone: 'Asia/Tashkent',
      address: '1 Registan street',
      openingHours: WEEK,
      policy: {
        maxAdvanceDays: 90,
        maxOccurrences: 366,
        checkInOpensMinutes: 15,
        checkInGraceMinutes: 15,
        walkInMaxMinutes: 240,
      },
      active: true,
    }),
    fields: centerFields(true),
    extra: (f) => centerExtras(f),
  },
  {
    name: 'PATCH /api/v1/centers/:id',
    method: 'PATCH',
    path: (f) => `/api/v1/centers/${f.otherCenterId}`,
    base: () => ({
      slug: `patched-center-${++seq}`,
      name: 'Patched center',
      city: 'Bukhara',
      region: 'Bukhara',
      timezone: 'Asia/Samarkand',
      address: '2 Lyabi-Hauz',
      openingHours: WEEK,
      policy: { maxAdvanceDays: 60, maxOccurrences: 100 },
      active: true,
    }),
    fields: centerFields(false),
    extra: (f) => centerExtras(f),
  },
  {
    name: 'POST /api/v1/centers/:id/closures',
    method: 'POST',
    path: (f) => `/api/v1/centers/${f.centerId}/closures`,
    base: () => ({ from: '2026-12-24', to: '2026-12-25', reason: 'Holiday', yearly: false }),
    fields: {
      from: { kind: 'date', required: true },
      to: { kind: 'date', required: true },
      reason: { kind: 'string', required: true },
      yearly: { kind: 'bool' },
    },
    extra: () => [
      { label: 'to before from', body: { from: '2026-12-25', to: '2026-12-24', reason: 'x' } },
      { label: 'empty reason', body: { from: '2026-12-24', to: '2026-12-24', reason: '' } },
      {
        label: 'yearly over more than a year',
        body: { from: '2026-01-01', to: '2027-06-01', reason: 'x', yearly: true },
      },
    ],
  },
  {
    name: 'POST /api/v1/centers/:id/resources',
    method: 'POST',
    path: (f) => `/api/v1/centers/${f.centerId}/resources`,
    base: () => ({
      kind: 'room',
      name: 'Base room',
      capacity: 10,
      quantity: 1,
      features: ['projector'],
      requiresApproval: false,
      checkInRequired: false,
      minDurationMinutes: 15,
      maxDurationMinutes: 600,
      bufferMinutes: 10,
    }),
    fields: {
      kind: { kind: 'enum', required: true },
      name: { kind: 'string', required: true },
      ...resourceFields(),
    },
    extra: () => [
      { label: 'room without capacity', body: { kind: 'room', name: 'x' } },
      { label: 'desk with quantity 2', body: { kind: 'desk', name: 'x', quantity: 2 } },
      {
        label: 'min above max',
        body: { kind: 'desk', name: 'x', minDurationMinutes: 120, maxDurationMinutes: 60 },
      },
      { label: 'empty name', body: { kind: 'desk', name: '' } },
    ],
  },
  {
    name: 'PATCH /api/v1/resources/:id',
    method: 'PATCH',
    path: (f) => `/api/v1/resources/${f.patchRoomId}`,
    base: () => ({
      name: 'Patched room',
      capacity: 12,
      quantity: 1,
      features: ['screen'],
      requiresApproval: true,
      checkInRequired: true,
      minDurationMinutes: 30,
      maxDurationMinutes: 300,
      bufferMinutes: 5,
      active: true,
    }),
    fields: { name: { kind: 'string' }, ...resourceFields(), active: { kind: 'bool' } },
    extra: () => [
      { label: 'kind change', body: { kind: 'desk' } },
      { label: 'centerId change', body: { centerId: UNKNOWN_ID } },
      { label: 'quantity 2 on a room', body: { quantity: 2 } },
      {
        label: 'max below the current min',
        body: { minDurationMinutes: 60, maxDurationMinutes: 30 },
      },
      { label: 'min above the current max', body: { minDurationMinutes: 1000 } },
    ],
  },
  {
    name: 'POST /api/v1/bookings',
    method: 'POST',
    path: () => '/api/v1/bookings',
    base: (f) => ({
      resourceId: f.deskId,
      start: '2026-12-08T10:00',
      end: '2026-12-08T11:00',
      title: 'Base booking',
      purpose: 'meeting',
      attendees: 1,
      quantity: 1,
      recurrence: { rule: 'FREQ=DAILY;COUNT=2', exceptions: ['2026-12-12'] },
      equipment: [{ resourceId: f.poolId, quantity: 1 }],
      skipConflicts: false,
      dryRun: false,
      ownerId: f.member.id,
    }),
    fields: {
      resourceId: { kind: 'uuid', required: true },
      start: { kind: 'datetime', required: true },
      end: { kind: 'datetime', required: true },
      title: { kind: 'string' },
      purpose: { kind: 'enum' },
      attendees: { kind: 'int', min: 1, max: 10_000 },
      quantity: { kind: 'int', min: 1, max: 10_000 },
      recurrence: { kind: 'nested' },
      'recurrence.rule': { kind: 'string', required: true },
      'recurrence.exceptions': { kind: 'array', of: 'date' },
      equipment: { kind: 'array', of: 'object' },
      'equipment.0.resourceId': { kind: 'uuid', required: true },
      'equipment.0.quantity': { kind: 'int', min: 1, max: 10_000 },
      skipConflicts: { kind: 'bool' },
      dryRun: { kind: 'bool' },
      ownerId: { kind: 'uuid' },
    },
    extra: (f): Case[] => {
      const base = { resourceId: f.deskId, start: '2026-12-08T10:00', end: '2026-12-08T11:00' };
      return [
        ...BAD_RRULES.map(([rule, code]) => ({
          label: `RRULE ${JSON.stringify(rule)}`,
          body: { ...base, recurrence: { rule } },
          status: code === 'INVALID_RECURRENCE' ? 400 : 422,
          // Past both maxOccurrences and the booking window: either 422 will do.
          code: rule === 'FREQ=WEEKLY;COUNT=99999' ? null : code,
        })),
        {
          label: 'exceptions remove every session',
          body: { ...base, recurrence: { rule: 'FREQ=DAILY;COUNT=1', exceptions: ['2026-12-08'] } },
          code: 'INVALID_RECURRENCE',
        },
        { label: 'end equals start', body: { ...base, end: base.start } },
        {
          label: 'end before start',
          body: { ...base, start: '2026-12-08T11:00', end: '2026-12-08T10:00' },
        },
        {
          label: 'end before start, with offsets',
          body: { ...base, start: '2026-12-08T10:00+05:00', end: '2026-12-08T04:00Z' },
        },
        { label: 'quantity 2 of a desk', body: { ...base, quantity: 2 } },
        {
          label: 'the same pool twice',
          body: {
            ...base,
            equipment: [
              { resourceId: f.poolId, quantity: 1 },
              { resourceId: f.poolId, quantity: 1 },
            ],
          },
        },
        {
          label: 'a desk as equipment',
          body: { ...base, equipment: [{ resourceId: f.approvalRoomId }] },
        },
        {
          label: 'the resource as its own equipment',
          body: { ...base, equipment: [{ resourceId: f.deskId }] },
        },
        {
          label: 'unknown equipment',
          body: { ...base, equipment: [{ resourceId: UNKNOWN_ID }] },
          status: 404,
          code: 'NOT_FOUND',
        },
        {
          label: 'unknown resource',
          body: { ...base, resourceId: UNKNOWN_ID },
          status: 404,
          code: 'NOT_FOUND',
        },
        {
          label: 'unknown owner',
          body: { ...base, ownerId: UNKNOWN_ID },
          status: 404,
          code: 'NOT_FOUND',
        },
        {
          label: 'Idempotency-Key with a space',
          body: base,
          headers: { 'content-type': 'application/json', 'idempotency-key': 'a b' },
        },
        {
          label: 'Idempotency-Key of 300 characters',
          body: base,
          headers: { 'idempotency-key': 'k'.repeat(300) },
        },
        {
          label: 'nested __proto__ in recurrence',
          rawBody: `{"resourceId":"${f.deskId}","start":"2026-12-08T10:00","end":"2026-12-08T11:00","recurrence":{"__proto__":{"polluted":"yes"},"rule":"FREQ=DAILY;COUNT=2"}}`,
        },
        {
          label: 'nested constructor.prototype in equipment',
          rawBody: `{"resourceId":"${f.deskId}","start":"2026-12-08T10:00","end":"2026-12-08T11:00","equipment":[{"constructor":{"prototype":{"polluted":"yes"}},"resourceId":"${f.poolId}"}]}`,
        },
      ];
    },
  },
  {
    name: 'PATCH /api/v1/bookings/:id',
    method: 'PATCH',
    path: (f) => `/api/v1/bookings/${f.seriesBookingId}`,
    base: () => ({
      title: 'Renamed',
      purpose: 'other',
      attendees: 2,
      start: '2026-12-02T12:00',
      end: '2026-12-02T13:00',
    }),
    fields: {
      title: { kind: 'string' },
      purpose: { kind: 'enum' },
      attendees: { kind: 'int', min: 1, max: 10_000 },
      start: { kind: 'datetime' },
      end: { kind: 'datetime' },
    },
    extra: () => [
      { label: 'end before start', body: { start: '2026-12-02T12:00', end: '2026-12-02T11:00' } },
      { label: 'end equals start', body: { start: '2026-12-02T12:00', end: '2026-12-02T12:00' } },
      { label: 'resourceId change', body: { resourceId: UNKNOWN_ID } },
      { label: 'status change', body: { status: 'confirmed' } },
      { label: 'recurrence change', body: { recurrence: { rule: 'FREQ=DAILY;COUNT=9' } } },
      { label: 'ownerId change', body: { ownerId: UNKNOWN_ID } },
    ],
  },
  {
    name: 'PATCH /api/v1/bookings/:id/occurrences/:oid',
    method: 'PATCH',
    path: (f) => `/api/v1/bookings/${f.moveBookingId}/occurrences/${f.moveOccurrenceId}`,
    base: () => ({ start: '2026-12-09T14:00', end: '2026-12-09T15:00' }),
    fields: {
      start: { kind: 'datetime', required: true },
      end: { kind: 'datetime', required: true },
    },
    extra: () => [
      { label: 'end before start', body: { start: '2026-12-09T15:00', end: '2026-12-09T14:00' } },
      {
        label: 'status change',
        body: { start: '2026-12-09T14:00', end: '2026-12-09T15:00', status: 'cancelled' },
      },
    ],
  },
  {
    name: 'POST /api/v1/bookings/:id/reject',
    method: 'POST',
    path: (f) => `/api/v1/bookings/${f.pendingBookingId}/reject`,
    base: () => ({ reason: 'The room is being painted' }),
    fields: { reason: { kind: 'string', required: true } },
    extra: () => [{ label: 'empty reason', body: { reason: '' } }],
  },
];

function centerFields(create: boolean): Record<string, Field> {
  return {
    slug: { kind: 'string', required: create },
    name: { kind: 'string', required: create },
    city: { kind: 'string', required: create },
    region: { kind: 'string', required: create },
    timezone: { kind: 'string' },
    address: { kind: 'string' },
    openingHours: { kind: 'object' },
    policy: { kind: 'nested' },
    'policy.maxAdvanceDays': { kind: 'int', min: 1, max: 3650 },
    'policy.maxOccurrences': { kind: 'int', min: 1, max: 1000 },
    active: { kind: 'bool' },
  };
}

function resourceFields(): Record<string, Field> {
  return {
    capacity: { kind: 'int', min: 1, max: 10_000 },
    quantity: { kind: 'int', min: 1, max: 10_000 },
    features: { kind: 'array', of: 'string' },
    requiresApproval: { kind: 'bool' },
    checkInRequired: { kind: 'bool' },
    minDurationMinutes: { kind: 'int', min: 1, max: 1440 },
    maxDurationMinutes: { kind: 'int', min: 1, max: 1440 },
    bufferMinutes: { kind: 'int', min: 0, max: 1440 },
  };
}

function centerExtras(f: Fixtures): Case[] {
  const required = () => ({ slug: `extra-center-${++seq}`, name: 'x', city: 'x', region: 'x' });
  const hours = (patch: Record<string, unknown>) => ({
    ...required(),
    openingHours: { ...WEEK, ...patch },
  });
  const cases: Array<[string, unknown]> = [
    ['unknown time zone', { ...required(), timezone: 'Mars/Olympus_Mons' }],
    ['offset as time zone', { ...required(), timezone: '+05:00' }],
    ['slug with capitals', { ...required(), slug: 'Not-A-Slug' }],
    ['slug of one character', { ...required(), slug: 'a' }],
    ['slug with a slash', { ...required(), slug: 'a/../b' }],
    ['openingHours with an unknown day', hours({ funday: [] })],
    ['openingHours day as a string', hours({ mon: '09:00-18:00' })],
    ['openingHours period null', hours({ mon: [null] })],
    ['openingHours period numbers', hours({ mon: [{ from: 9, to: 18 }] })],
    ['openingHours period reversed', hours({ mon: [{ from: '18:00', to: '09:00' }] })],
    ['openingHours period 25:00', hours({ mon: [{ from: '09:00', to: '25:00' }] })],
    [
      'openingHours overlapping periods',
      hours({
        mon: [
          { from: '09:00', to: '13:00' },
          { from: '12:00', to: '18:00' },
        ],
      }),
    ],
    [
      'openingHours period with an extra key',
      hours({ mon: [{ from: '09:00', to: '18:00', x: 1 }] }),
    ],
    ['openingHours period missing to', hours({ mon: [{ from: '09:00' }] })],
    ['policy with an unknown key', { ...required(), policy: { bogus: 1 } }],
    ['policy.checkInOpensMinutes 0', { ...required(), policy: { checkInOpensMinutes: 0 } }],
    ['policy.checkInGraceMinutes 1441', { ...required(), policy: { checkInGraceMinutes: 1441 } }],
    ['policy.walkInMaxMinutes "60"', { ...required(), policy: { walkInMaxMinutes: '60' } }],
  ];
  return [
    ...cases.map(([label, body]) => ({ label, body })),
    {
      label: 'slug taken',
      body: { ...required(), slug: f.centerSlug },
      status: 409,
      code: 'ALREADY_EXISTS',
    },
  ];
}

/** A center with a desk, rooms and a pool, a member, and the bookings the PATCH routes need. */
async function makeFixtures(t: TestApp): Promise<Fixtures> {
  const adminToken = await t.login(ADMIN.email, ADMIN.password);
  const me = await t.request('GET', '/api/v1/users/me', { token: adminToken });
  const admin = { id: me.body.id, token: adminToken, email: ADMIN.email };
  const center = await createCenter(t, adminToken);
  const other = await createCenter(t, adminToken);
  const member = await createUser(t, adminToken, 'member');
  const deskId = (await createResource(t, adminToken, center.id, { kind: 'desk' })).id;
  const approvalRoomId = (
    await createResource(t, adminToken, center.id, {
      kind: 'room',
      capacity: 10,
      requiresApproval: true,
    })
  ).id;
  const patchRoomId = (
    await createResource(t, adminToken, center.id, { kind: 'room', capacity: 8 })
  ).id;
  const poolId = (
    await createResource(t, adminToken, center.id, { kind: 'equipment', quantity: 5 })
  ).id;
  const book = async (token: string, body: Json) => {
    const response = await t.request('POST', '/api/v1/bookings', { token, body });
    if (response.status !== 201) throw new Error(`booking: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const pending = await book(member.token, {
    resourceId: approvalRoomId,
    start: '2026-12-03T10:00',
    end: '2026-12-03T11:00',
  });
  if (pending.status !== 'pending') throw new Error(`not pending: ${JSON.stringify(pending)}`);
  const series = await book(adminToken, {
    resourceId: deskId,
    start: '2026-12-02T10:00',
    end: '2026-12-02T11:00',
    recurrence: { rule: 'FREQ=DAILY;COUNT=3' },
  });
  const movable = await book(adminToken, {
    resourceId: deskId,
    start: '2026-12-02T14:00',
    end: '2026-12-02T15:00',
    recurrence: { rule: 'FREQ=DAILY;COUNT=2' },
  });
  const organization = (
    await t.request('POST', '/api/v1/organizations', {
      token: adminToken,
      body: { name: `Bad input NGO ${++seq}` },
    })
  ).body as { id: string; name: string };
  return {
    admin,
    member,
    centerId: center.id,
    centerSlug: (await t.request('GET', `/api/v1/centers/${center.id}`, { token: adminToken })).body
      .slug,
    otherCenterId: other.id,
    deskId,
    approvalRoomId,
    patchRoomId,
    poolId,
    pendingBookingId: pending.id,
    seriesBookingId: series.id,
    moveBookingId: movable.id,
    moveOccurrenceId: movable.occurrences[1].id,
    patchUserId: (await createUser(t, adminToken, 'member')).id,
    organizationId: organization.id,
    organizationName: organization.name,
  };
}

// ------------------------------------------------------------------ the spec

describe('bad input: no input produces a 500 or leaves a partial booking', () => {
  let t: TestApp;
  let f: Fixtures;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' }); // a Tuesday
    f = await makeFixtures(t);
  });

  afterAll(() => t.close());

  let snapshotSql: string | null = null;

  /**
   * Row count and a hash of every row, per table, in one query: each table's rows, every column
   * quoted, in a fixed order (rowid on SQLite, the rows' text on PostgreSQL).
   */
  async function snapshot(): Promise<Record<string, string>> {
    snapshotSql ??=
      t.dialect === 'postgres' ? await postgresSnapshotSql() : await sqliteSnapshotSql();
    const [row]: Array<Record<string, string>> = await t.query(snapshotSql);
    const result: Record<string, string> = {};
    for (const [table, text] of Object.entries(row)) {
      const [count] = text.split(' rows ');
      result[table] = `${count} rows ${createHash('sha256').update(text).digest('hex')}`;
    }
    return result;
  }

  async function sqliteSnapshotSql(): Promise<string> {
    const tables: Array<{ name: string }> = await t.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    const parts: string[] = [];
    for (const { name } of tables) {
      const columns: Array<{ name: string }> = await t.query(`PRAGMA table_info("${name}")`);
      const row = columns.map((c) => `quote("${c.name}")`).join(` || ',' || `);
      parts.push(
        `(SELECT count(*) || ' rows ' || coalesce(group_concat(r, char(10)), '') ` +
          `FROM (SELECT ${row} AS r FROM "${name}" ORDER BY rowid)) AS "${name}"`,
      );
    }
    return `SELECT ${parts.join(', ')}`;
  }

  async function postgresSnapshotSql(): Promise<string> {
    const columns: Array<{ table_name: string; column_name: string }> = await t.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const tables = [...new Set(columns.map((c) => c.table_name))];
    const parts = tables.map((name) => {
      const row = columns
        .filter((c) => c.table_name === name)
        .map((c) => `quote_nullable("${c.column_name}")`)
        .join(` || ',' || `);
      return (
        `(SELECT count(*) || ' rows ' || coalesce(string_agg(r, chr(10) ORDER BY r), '') ` +
        `FROM (SELECT ${row} AS r FROM "${name}") AS x) AS "${name}"`
      );
    });
    return `SELECT ${parts.join(', ')}`;
  }

  function send(route: Route, c: Case): Promise<ApiResponse> {
    return t.request(route.method, route.path(f), {
      token: f.admin.token,
      body: c.body,
      rawBody: c.rawBody,
      headers: c.headers,
    });
  }

  /** What is wrong with an answer to a hostile request (nothing: an empty list). */
  function problemsOf(label: string, response: ApiResponse, expected: Case): string[] {
    const problems: string[] = [];
    const { status, body } = response;
    const wantStatus = expected.status ?? 400;
    const wantCode =
      expected.code === undefined
        ? wantStatus === 400
          ? 'VALIDATION_FAILED'
          : null
        : expected.code;
    const summary = `${status} ${JSON.stringify(body).slice(0, 160)}`;
    if (status >= 500) problems.push(`${label}: server error ${summary}`);
    else if (status < 400) problems.push(`${label}: accepted ${summary}`);
    else if (wantStatus !== 'any4xx' && status !== wantStatus) {
      problems.push(`${label}: expected ${wantStatus}, got ${summary}`);
    } else if (wantCode !== null && body?.code !== wantCode) {
      problems.push(`${label}: expected code ${wantCode}, got ${summary}`);
    }
    if (status >= 400) {
      const shaped =
        typeof body === 'object' &&
        body !== null &&
        body.statusCode === status &&
        typeof body.code === 'string' &&
        /^[A-Z_]+$/.test(body.code) &&
        typeof body.message === 'string';
      if (!shaped) problems.push(`${label}: not the error shape: ${summary}`);
      const text = JSON.stringify(body);
      if (LEAK.test(text)) {
        problems.push(`${label}: leaks internals: ${summary}`);
      }
      if (status === 400 && body?.code === 'VALIDATION_FAILED' && body.details !== undefined) {
        const detailsOk =
          Array.isArray(body.details) &&
          body.details.every(
            (d: any) => typeof d?.field === 'string' && typeof d?.message === 'string',
          );
        if (!detailsOk) problems.push(`${label}: malformed details ${summary}`);
      }
    }
    return problems;
  }

  it('snapshots every table of the schema', async () => {
    expect(Object.keys(await snapshot())).toEqual(expect.arrayContaining(TABLES));
  });

  it.each(ROUTES.map((route) => [route.name, route] as const))(
    '%s refuses every hostile body with a 4xx and changes nothing',
    async (_name, route) => {
      const fresh = () => route.base(f);
      const cases = [
        ...Object.entries(route.fields).flatMap(([path, field]) => fieldCases(fresh, path, field)),
        ...(route.extra?.(f) ?? []),
        ...genericCases(route, fresh),
      ];
      const problems: string[] = [];
      let before = await snapshot();
      for (const c of cases) {
        const response = await send(route, c);
        problems.push(...problemsOf(c.label, response, c));
        const after = await snapshot();
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        if (changed.length > 0) {
          problems.push(`${c.label}: changed ${changed.join(', ')} (answered ${response.status})`);
          before = after;
        }
      }
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(problems).toEqual([]);
    },
  );

  describe('random bodies on POST /api/v1/bookings (fast-check)', () => {
    const fieldNames = [
      'resourceId',
      'start',
      'end',
      'title',
      'purpose',
      'attendees',
      'quantity',
      'recurrence',
      'equipment',
      'skipConflicts',
      'ownerId',
    ];

    async function checkUnchanged(run: () => Promise<void>): Promise<void> {
      const before = await snapshot();
      await run();
      expect(await snapshot()).toEqual(before);
      expect(Object.prototype).not.toHaveProperty('polluted');
    }

    const bookingRoute = ROUTES.find((r) => r.name === 'POST /api/v1/bookings')!;

    it('answers any JSON value with a 4xx', () =>
      checkUnchanged(() =>
        fc.assert(
          fc.asyncProperty(fc.anything(), async (body) => {
            const response = await send(bookingRoute, { label: 'anything', body });
            expect(
              problemsOf(`anything ${JSON.stringify(body)}`, response, {
                label: '',
                status: 'any4xx',
                code: null,
              }),
            ).toEqual([]);
          }),
          { numRuns: 300 },
        ),
      ));

    it('answers objects of the booking’s own keys with random values with a 4xx', () =>
      checkUnchanged(() =>
        fc.assert(
          fc.asyncProperty(
            fc.dictionary(
              fc.constantFrom(...fieldNames, 'dryRun', '__proto__', 'constructor'),
              fc.anything(),
            ),
            async (body) => {
              const response = await send(bookingRoute, { label: 'dictionary', body });
              expect(
                problemsOf(`dictionary ${JSON.stringify(body)}`, response, {
                  label: '',
                  status: 'any4xx',
                  code: null,
                }),
              ).toEqual([]);
            },
          ),
          { numRuns: 300 },
        ),
      ));

    it('answers a valid dry run with one field replaced by anything with 200 or a 4xx', () =>
      checkUnchanged(() =>
        fc.assert(
          fc.asyncProperty(fc.constantFrom(...fieldNames), fc.anything(), async (field, value) => {
            const body = { ...bookingRoute.base(f), dryRun: true, [field]: value };
            const response = await send(bookingRoute, { label: 'replaced', body });
            const label = `${field} = ${JSON.stringify(value)}`;
            if (response.status === 200) expect(response.body.id).toBeNull();
            else {
              expect(problemsOf(label, response, { label, status: 'any4xx', code: null })).toEqual(
                [],
              );
            }
          }),
          { numRuns: 300 },
        ),
      ));

    it('answers random RRULEs with 200 (dry run) or a 4xx, quickly', () =>
      checkUnchanged(() =>
        fc.assert(
          fc.asyncProperty(
            fc.array(
              fc.constantFrom(
                'FREQ=DAILY',
                'FREQ=WEEKLY',
                'FREQ=MONTHLY',
                'FREQ=YEARLY',
                'FREQ=HOURLY',
                'FREQ=MINUTELY',
                'COUNT=0',
                'COUNT=3',
                'COUNT=999999',
                'UNTIL=20261231',
                'UNTIL=20261231T235959Z',
                'UNTIL=19000101',
                'UNTIL=99991231',
                'INTERVAL=0',
                'INTERVAL=3',
                'INTERVAL=999999',
                'BYDAY=MO,TU',
                'BYDAY=5FR',
                'BYDAY=-1SU',
                'BYMONTHDAY=31',
                'BYMONTHDAY=-1',
                'BYMONTHDAY=0',
                'BYSETPOS=-1',
                'BYMONTH=2',
                'BYMONTH=13',
                'BYYEARDAY=366',
                'BYWEEKNO=53',
                'WKST=SU',
                'BYHOUR=1',
                'X=Y',
                '=',
                '',
              ),
              { maxLength: 6 },
            ),
            async (parts) => {
              const rule = parts.join(';');
              const body = { ...bookingRoute.base(f), dryRun: true, recurrence: { rule } };
              const started = Date.now();
              const response = await send(bookingRoute, { label: rule, body });
              expect(Date.now() - started).toBeLessThan(2000);
              if (response.status !== 200) {
                expect(
                  problemsOf(rule, response, { label: rule, status: 'any4xx', code: null }),
                ).toEqual([]);
              }
            },
          ),
          { numRuns: 200 },
        ),
      ));
  });

  it('accepts each battery’s base body (so every hostile case differs from a good one)', async () => {
    const accepted: Record<string, number> = {};
    const g = await makeFixtures(t);
    for (const route of ROUTES) {
      const base = route.base(g);
      if (route.name === 'POST /api/v1/bookings') base.dryRun = true;
      const response = await t.request(route.method, route.path(g), {
        token: g.admin.token,
        body: base,
      });
      accepted[route.name] = response.status;
    }
    expect(accepted).toEqual({
      'POST /api/v1/auth/login': 200,
      'POST /api/v1/users': 201,
      'PATCH /api/v1/users/:id': 200,
      'POST /api/v1/organizations': 201,
      'PATCH /api/v1/organizations/:id': 200,
      'POST /api/v1/centers': 201,
      'PATCH /api/v1/centers/:id': 200,
      'POST /api/v1/centers/:id/closures': 201,
      'POST /api/v1/centers/:id/resources': 201,
      'PATCH /api/v1/resources/:id': 200,
      'POST /api/v1/bookings': 200,
      'PATCH /api/v1/bookings/:id': 200,
      'PATCH /api/v1/bookings/:id/occurrences/:oid': 200,
      'POST /api/v1/bookings/:id/reject': 200,
    });
  });
});
