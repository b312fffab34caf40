import { apiCorpus, operationsOf } from './support/fuzz/api-corpus';
import { buildFuzzWorld, FuzzWorld } from './support/fuzz/fuzz-world';
import { fuzzSeed, Random } from './support/fuzz/random';
import { FuzzLog, FuzzSession, inProcessTarget, printRun, runCorpus } from './support/fuzz/runner';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The API fuzzes itself: requests derived from the OpenAPI document (every operation, as
 * anonymous, member, coordinator and admin with real sessions), each with one hostile part.
 * No answer may be a 5xx or take over 2 s, and the server must stay up. The seed is printed;
 * FUZZ_SEED=<seed> replays a run, FUZZ_API_REQUESTS changes its length.
 */
const REQUESTS = Number(process.env.FUZZ_API_REQUESTS ?? 3000);

describe('the API fuzzer', () => {
  let t: TestApp;
  let world: FuzzWorld;

  beforeAll(async () => {
    // A Tuesday morning, off the whole minute.
    t = await startTestApp({ now: '2026-12-01T10:00:07+05:00' });
    world = await buildFuzzWorld(t, t.clock.now());
  });

  afterAll(() => t?.close());

  it('gets no 5xx, no answer over 2 s and no lost server from requests derived from /api/docs-json', async () => {
    const document = (await t.request('GET', '/api/docs-json')).body;
    const seed = fuzzSeed();
    const corpus = apiCorpus(document, world, new Random(seed, 'api'), REQUESTS);
    const log = new FuzzLog('api fuzz', seed);
    const session = new FuzzSession(inProcessTarget(t.baseUrl), log);
    await runCorpus(session, corpus);
    printRun(log, session);

    expect(log.report()).toBe('api fuzz: no failures');
    expect(session.stopped).toBeUndefined();
    // The run reached what it meant to: every operation, and past validation into the services.
    const reached = new Set(corpus.map((r) => `${r.method} ${r.route}`));
    expect(reached.size).toBe(operationsOf(document).length);
    const succeeded = [...log.statusCounts].filter(([s]) => s >= 200 && s < 300);
    expect(succeeded.reduce((n, [, count]) => n + count, 0)).toBeGreaterThan(REQUESTS / 50);
    // The sessions it fuzzed with still work: no request ended them behind its back.
    for (const role of ['member', 'coordinator', 'admin'] as const) {
      const me = await t.request('GET', '/api/v1/users/me', { token: world.tokens[role][0] });
      expect(me.status).toBe(200);
    }
  }, 180_000);
});
