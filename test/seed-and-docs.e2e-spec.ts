import { getMetadataStorage } from 'class-validator';
import { seedDemo } from '../seeds/demo';
import { DEMO_CENTERS, DEMO_PASSWORD } from '../seeds/demo-data';
import { dtoClassesOf } from '../src/common/openapi-from-validation';
import { WriteTransactions } from '../src/database/write-transactions';
import { startTestApp, TestApp } from './support/test-app';

const TABLES = ['organizations', 'users', 'user_centers', 'centers', 'closures', 'resources'];

describe('the demo seed (SEED=demo)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED: 'demo' } });
  });

  afterAll(() => t.close());

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (table) => {
          const [{ n }] = await t.query(`SELECT COUNT(*) AS n FROM ${table}`);
          return [table, Number(n)];
        }),
      ),
    );

  it('loads the five centers in Asia/Tashkent with Uzbekistan’s fixed-date holidays', async () => {
    const token = await t.login('member@makon.example', DEMO_PASSWORD);
    const centers = await t.request('GET', '/api/v1/centers', { token });
    expect(centers.body.items.map((c: { slug: string }) => c.slug).sort()).toEqual(
      DEMO_CENTERS.map((c) => c.slug).sort(),
    );
    expect(new Set(centers.body.items.map((c: { timezone: string }) => c.timezone))).toEqual(
      new Set(['Asia/Tashkent']),
    );
    const kokand = centers.body.items.find((c: { slug: string }) => c.slug === 'kokand');
    const closures = await t.request('GET', `/api/v1/centers/${kokand.id}/closures`, { token });
    expect(
      closures.body.items.map(
        (c: { from: string; yearly: boolean }) => `${c.from.slice(5)} ${c.yearly}`,
      ),
    ).toEqual([
      '01-01 true',
      '03-08 true',
      '03-21 true',
      '05-09 true',
      '09-01 true',
      '10-01 true',
      '12-08 true',
    ]);
    const accessible = await t.request(
      'GET',
      `/api/v1/centers/${kokand.id}/resources?feature=wheelchair_accessible`,
      { token },
    );
    expect(accessible.body.items.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'desk',
      'room',
    ]);
  });

  it('has a demo user of every role who can sign in', async () => {
    for (const [email, role] of [
      ['admin@makon.example', 'admin'],
      ['coordinator.kokand@makon.example', 'coordinator'],
      ['trainer@makon.example', 'trainer'],
      ['member@makon.example', 'member'],
    ]) {
      const token = await t.login(email, DEMO_PASSWORD);
      const me = await t.request('GET', '/api/v1/users/me', { token });
      expect(me.body.role).toBe(role);
    }
  });

  it('changes nothing when it runs again', async () => {
    const before = await counts();
    await seedDemo(t.app.get(WriteTransactions), t.clock.now());
    expect(await counts()).toEqual(before);
  });
});

describe('the OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  it('is served at /api/docs-json without a token, describing the API’s paths', async () => {
    const response = await t.request('GET', '/api/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/bookings',
        '/api/v1/bookings/{bookingId}/occurrences/{occurrenceId}',
        '/api/v1/centers/{centerId}/availability',
      ]),
    );
    const parameters = (path: string, method: string) =>
      response.body.paths[path][method].parameters.map((p: { name: string }) => p.name);
    expect(parameters('/api/v1/bookings', 'get')).toEqual(
      expect.arrayContaining(['from', 'to', 'centerId', 'status', 'limit', 'offset']),
    );
    expect(parameters('/api/v1/centers/{centerId}/availability', 'get')).toEqual(
      expect.arrayContaining(['centerId', 'start', 'end', 'kind', 'quantity']),
    );
    const ui = await t.request('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('describes every validated field of every body and query with its rules', async () => {
    const document = (await t.request('GET', '/api/docs-json')).body as OpenApi;
    const schemas = document.components.schemas;
    const queryNames = new Set(
      Object.values(document.paths)
        .flatMap((item) => Object.values(item))
        .flatMap((operation) => operation.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name),
    );
    const missing: string[] = [];
    for (const dto of dtoClassesOf(t.app)) {
      const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
      for (const property of new Set(rules.map((r) => r.propertyName))) {
        const described = schemas[dto.name]
          ? schemas[dto.name].properties?.[property]
          : queryNames.has(property) || undefined;
        const typed =
          described === true ||
          (described !== undefined && (described.type !== undefined || '$ref' in described));
        if (!typed) missing.push(`${dto.name}.${property}`);
      }
    }
    expect(missing).toEqual([]);

    // The rules themselves, as a client reads them.
    const booking = schemas.CreateBookingInput;
    expect(booking.required).toEqual(['resourceId', 'start', 'end']);
    expect(booking.properties!.resourceId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(booking.properties!.start).toMatchObject({ type: 'string', format: 'date-time' });
    expect(booking.properties!.attendees).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 10000,
    });
    expect(booking.properties!.ownerId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(booking.properties!.equipment).toMatchObject({ type: 'array', maxItems: 20 });
    const exceptions = schemas.RecurrenceInput.properties!.exceptions;
    expect(exceptions).toMatchObject({ type: 'array', maxItems: 1000, items: { type: 'string' } });
    // A local date: by its pattern, or (a validator of its own) as `format: date`.
    expect([exceptions.items!.pattern, exceptions.items!.format]).toContainEqual(
      expect.stringMatching(/^(\^\\d\{4\}-\\d\{2\}-\\d\{2\}\$|date)$/),
    );
    expect(schemas.CreateUserInput.properties!.centerIds).toMatchObject({
      type: 'array',
      items: { type: 'string', format: 'uuid' },
    });
    expect(schemas.CreateCenterInput.properties!.name).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 200,
    });
    expect(schemas.UpdateUserInput.required ?? []).toEqual([]);
    const parameter = (path: string, name: string) =>
      document.paths[path].get.parameters!.find((p) => p.name === name)!;
    expect(parameter('/api/v1/bookings', 'limit').schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 500,
    });
    expect(parameter('/api/v1/bookings', 'status').schema.enum).toEqual([
      'pending',
      'confirmed',
      'rejected',
      'cancelled',
    ]);
    expect(parameter('/api/v1/bookings/{bookingId}', 'bookingId').schema).toMatchObject({
      type: 'string',
      format: 'uuid',
    });
  });
});

interface OpenApiSchema {
  type?: string;
  format?: string;
  pattern?: string;
  items?: OpenApiSchema;
  required?: string[];
  enum?: unknown[];
  properties?: Record<string, OpenApiSchema & { $ref?: string }>;
}

interface OpenApi {
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ name: string; in: string; schema: OpenApiSchema }> }>
  >;
  components: { schemas: Record<string, OpenApiSchema> };
}
