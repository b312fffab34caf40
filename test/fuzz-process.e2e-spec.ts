import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCorpus } from './support/fuzz/api-corpus';
import { buildFuzzWorld, FuzzWorld } from './support/fuzz/fuzz-world';
import { knownCrashingInputs } from './support/fuzz/known-inputs';
import { ProcessTarget } from './support/fuzz/process-target';
import { fuzzSeed, Random } from './support/fuzz/random';
import { FuzzLog, FuzzSession, isUp, printRun, runCorpus } from './support/fuzz/runner';
import { WebFuzzer } from './support/fuzz/web-fuzz';
import { buildServer } from './support/instances';
import { httpClient } from './support/test-app';

/**
 * No request can stop the server: the real server process, started as `npm start` starts it
 * (package.json's environment and node flags, dist/ built first), gets the inputs issue 14 found
 * to stop it, then the web-form fuzzer's corpus and the API fuzzer's (the same seeded sequences
 * and sizes as web-fuzz and api-fuzz), as every role. Each exit is recorded (with the error the
 * process printed) and a new process started on the same database, so one run lists every
 * request that stops it. Afterwards the process must still be running and healthy, and no
 * request may have stopped it. (5xx answers are printed for the record; the two in-process
 * specs are the ones that fail on them.)
 */
const API_REQUESTS = Number(process.env.FUZZ_API_REQUESTS ?? 3000);
const WEB_PER_FORM = Number(process.env.FUZZ_WEB_PER_FORM ?? 20);

describe('the server process under the fuzz corpora', () => {
  let dir: string;
  let target: ProcessTarget;
  let world: FuzzWorld;

  beforeAll(async () => {
    buildServer();
    dir = mkdtempSync(join(tmpdir(), 'makon-fuzz-process-'));
    target = await ProcessTarget.start(`sqlite:${join(dir, 'makon.sqlite')}`);
    world = await buildFuzzWorld(httpClient(target.baseUrl), Date.now());
  }, 180_000);

  afterAll(async () => {
    await target?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is still running and healthy after every request of the corpora, none having stopped it', async () => {
    const seed = fuzzSeed();
    const log = new FuzzLog('process fuzz', seed);
    const session = new FuzzSession(target, log);
    await runCorpus(session, await knownCrashingInputs(target.baseUrl, world));
    const web = new WebFuzzer({
      session,
      world,
      random: new Random(seed, 'web'),
      perForm: WEB_PER_FORM,
      pagesPerRole: 40,
    });
    await web.run();
    // After the pages: the API corpus's failed sign-ins would have the sign-in limit refuse the
    // forms' sign-ins (and their `next`) from this address.
    const document = (await httpClient(target.baseUrl).request('GET', '/api/docs-json')).body;
    await runCorpus(session, apiCorpus(document, world, new Random(seed, 'api'), API_REQUESTS));
    printRun(log, session);
    process.stdout.write(`${web.coverage()}\n`);
    // For the record: this spec asserts only that nothing stopped the process.
    if (log.failures.length > 0) process.stdout.write(`${log.report()}\n`);

    expect(target.exits).toEqual([]);
    expect(session.stopped).toBeUndefined();
    expect(target.process.exitCode).toBeNull();
    expect(target.process.signalCode).toBeNull();
    expect(await isUp(target.baseUrl)).toBe(true);
  }, 600_000);
});
