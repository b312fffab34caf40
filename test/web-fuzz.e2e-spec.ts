import { buildFuzzWorld, FuzzWorld } from './support/fuzz/fuzz-world';
import { fuzzSeed, Random } from './support/fuzz/random';
import { FuzzLog, FuzzSession, inProcessTarget, printRun } from './support/fuzz/runner';
import { WebFuzzer } from './support/fuzz/web-fuzz';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The pages fuzz themselves: every form found on every page each role reaches (anonymous, member,
 * coordinator, admin), posted with every hostile `next` of the catalog where it takes one, then
 * with hostile fields, ids, tokens, bodies and headers. No answer may be a 5xx or take over 2 s,
 * no redirect may leave the site, and the server must stay up. FUZZ_SEED=<seed> replays a printed
 * run; FUZZ_WEB_PER_FORM changes how many hostile posts each form gets.
 */
const PER_FORM = Number(process.env.FUZZ_WEB_PER_FORM ?? 20);

describe('the web-form fuzzer', () => {
  let t: TestApp;
  let world: FuzzWorld;

  beforeAll(async () => {
    // A Tuesday morning, off the whole minute.
    t = await startTestApp({ now: '2026-12-01T10:00:07+05:00' });
    world = await buildFuzzWorld(t, t.clock.now());
  });

  afterAll(() => t?.close());

  it('gets no 5xx, no answer over 2 s and no lost server from any form or next address', async () => {
    const seed = fuzzSeed();
    const log = new FuzzLog('web fuzz', seed);
    const session = new FuzzSession(inProcessTarget(t.baseUrl), log);
    const fuzzer = new WebFuzzer({
      session,
      world,
      random: new Random(seed, 'web'),
      perForm: PER_FORM,
      pagesPerRole: 40,
    });
    await fuzzer.run();
    printRun(log, session);
    process.stdout.write(`${fuzzer.coverage()}\n`);

    expect(log.report()).toBe('web fuzz: no failures');
    expect(session.stopped).toBeUndefined();
  }, 300_000);
});
