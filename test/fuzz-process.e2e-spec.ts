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
 * to stop it, then the API fuzzer's corpus and the web-form fuzzer's, as every role. Each exit is
 * recorded (with what the process said last) and a new process started on the same database, so
 * one run lists every request that stops it. Afterwards the process must still be running and
 * healthy, and no request may have stopped it.
 */
const API_REQUESTS = Number(process.env.FUZZ_PROCESS_API_REQUESTS ?? 1200);
const WEB_PER_FORM = Number(process.env.FUZZ_PROCESS_WEB_PER_FORM ?? 4);

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
    const document = (await httpClient(target.baseUrl).request('GET', '/api/docs-json')).body;
    await runCorpus(session, apiCorpus(document, world, new Random(seed, 'api'), API_REQUESTS));
    await new WebFuzzer({
      session,
      world,
      random: new Random(seed, 'web'),
      perForm: WEB_PER_FORM,
      pagesPerRole: 40,
    }).run();
    printRun(log, session);

    expect(target.exits).toEqual([]);
    expect(session.stopped).toBeUndefined();
    expect(target.process.exitCode).toBeNull();
    expect(target.process.signalCode).toBeNull();
    expect(await isUp(target.baseUrl)).toBe(true);
  }, 600_000);
});
