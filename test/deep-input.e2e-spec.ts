import { startTestApp, TestApp } from './support/test-app';
import { createWorld, World } from './support/world';

/** `depth` nested arrays around `inner`: `[[[…inner…]]]`. */
const arrays = (depth: number, inner = '') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
/** `depth` nested objects: `{"a":{"a":…{}}}`. */
const objects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

/**
 * Input nested deeper than 32 levels is refused with 400 VALIDATION_FAILED before anything walks
 * it recursively (once: a stack overflow, 500 on every JSON route, a stack trace logged each time).
 */
describe('deeply nested input', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createWorld(t);
  });

  afterAll(() => t.close());

  function nestingProblem(body: { details?: Array<{ message: string }> }): boolean {
    return (body.details ?? []).some((d) => d.message.includes('nested deeper than 32 levels'));
  }

  it('answers 400 on the anonymous sign-in, at any depth up to the body limit', async () => {
    for (const depth of [33, 5000, 200_000]) {
      const response = await t.request('POST', '/api/v1/auth/login', {
        rawBody: `{"email":${arrays(depth)},"password":"x"}`,
      });
      expect({ depth, status: response.status, code: response.body.code }).toEqual({
        depth,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(nestingProblem(response.body)).toBe(true);
    }
  });

  it('answers 400 on signed-in routes, for arrays and objects alike', async () => {
    const cases: Array<[string, string, string]> = [
      ['POST', '/api/v1/bookings', `{"resourceId":${objects(6000)}}`],
      ['PATCH', `/api/v1/users/${world.member.id}`, `{"name":${arrays(6000, '"x"')}}`],
      ['POST', '/api/v1/bookings', arrays(6000)],
    ];
    for (const [method, path, rawBody] of cases) {
      const response = await t.request(method, path, { token: world.member.token, rawBody });
      expect({ path, status: response.status, code: response.body.code }).toEqual({
        path,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });

  it('counts the body itself as the first level: 32 levels pass the check, 33 do not', async () => {
    // `{"email": 31 arrays}` is 32 levels: refused only because email is not a string.
    const at32 = await t.request('POST', '/api/v1/auth/login', {
      rawBody: `{"email":${arrays(31)},"password":"x"}`,
    });
    expect(at32.status).toBe(400);
    expect(nestingProblem(at32.body)).toBe(false);
    const at33 = await t.request('POST', '/api/v1/auth/login', {
      rawBody: `{"email":${arrays(32)},"password":"x"}`,
    });
    expect(at33.status).toBe(400);
    expect(nestingProblem(at33.body)).toBe(true);
  });

  it('still finds a prototype key, at any depth it may be', async () => {
    const response = await t.request('POST', '/api/v1/auth/login', {
      rawBody: '{"email":"a@b.example","password":"x","extra":[{"deep":{"constructor":1}}]}',
    });
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('extra.0.deep.constructor');
  });
});
