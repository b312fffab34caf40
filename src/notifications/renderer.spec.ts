import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RenderTask } from './payloads';
import { MessageRenderer, renderHere } from './renderer';

/**
 * MessageRenderer renders a fan-out batch in its worker thread (render-worker.js; under jest it
 * compiles payloads.ts on load), and a worker that fails never fails the batch nor stops the
 * process: one that cannot start, stops in the middle of a batch, or answers an error has the
 * batch rendered on the main thread (the same results, in order).
 */
const DIR = mkdtempSync(join(tmpdir(), 'makon-render-worker-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** A worker script with `body`, written to a file of its own. */
function script(name: string, body: string): string {
  const file = join(DIR, `${name}.js`);
  writeFileSync(
    file,
    `'use strict';\nconst { parentPort } = require('node:worker_threads');\n${body}\n`,
  );
  return file;
}

/** A renderer whose worker runs `file`. */
function rendererWith(file?: string): MessageRenderer {
  if (file === undefined) return new MessageRenderer();
  const path = file;
  return new (class extends MessageRenderer {
    protected override readonly script = path;
  })();
}

const START = Date.UTC(2026, 11, 2, 5, 0);
function task(i: number, locale: 'uz' | 'ru' | 'en'): RenderTask {
  return {
    facts: {
      event: 'booking_confirmed',
      bookingId: `00000000-0000-4000-8000-00000000000${i}`,
      what: `Desk ${i}`,
      resource: `Desk ${i}`,
      center: 'Makon Tashkent',
      zone: 'Asia/Tashkent',
      owner: 'Dilnoza',
      sessions: [{ start: START + i * 3_600_000, end: START + (i + 1) * 3_600_000 }],
      skipped: [],
      reason: null,
      closure: null,
      closureNames: null,
      calendar: true,
      createdAt: START - 86_400_000,
    },
    locale,
    link: 'https://makon.test/me',
    person: { id: `u${i}`, email: `member${i}@makon.test`, locale },
    channels: ['email'],
    needMessage: i % 2 === 0,
  };
}
const TASKS = [task(1, 'en'), task(2, 'ru'), task(3, 'uz')];

describe('MessageRenderer', () => {
  let renderers: MessageRenderer[] = [];
  const logged: string[] = [];

  beforeEach(() => {
    logged.length = 0;
    const record = (level: string) => (message: unknown) => {
      logged.push(`${level}: ${String(message)}`);
    };
    jest.spyOn(Logger.prototype, 'error').mockImplementation(record('error'));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(record('warn'));
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(renderers.map((r) => r.onApplicationShutdown()));
    renderers = [];
  });

  function make(file?: string): MessageRenderer {
    const renderer = rendererWith(file);
    renderers.push(renderer);
    return renderer;
  }

  const expected = () => renderHere(TASKS);

  it('renders a batch in the worker thread: the same results as on the main thread', async () => {
    const renderer = make();
    const results = await renderer.render(TASKS);
    expect(results).toEqual(await expected());
    expect(results[0].payloads[0]).toContain('member1@makon.test');
    expect(results[1].message?.ics).toContain('BEGIN:VCALENDAR');
    expect(renderer.workerBatches).toBe(1);
    expect(renderer.inWorker).toBe(true);
    expect(logged).toEqual([]);
  });

  it('a worker that throws as it loads: batches render on the main thread, logged once', async () => {
    const renderer = make(script('throws', `throw new Error('broken render worker');`));
    expect(await renderer.render(TASKS)).toEqual(await expected());
    expect(await renderer.render(TASKS.slice(1))).toEqual((await expected()).slice(1));
    expect(renderer.inWorker).toBe(false);
    expect(renderer.workerBatches).toBe(0);
    expect(logged.filter((l) => l.startsWith('error:'))).toEqual([
      'error: The render worker cannot start: broken render worker',
    ]);
  });

  it('a worker that exits mid-batch: that batch renders on the main thread, the next one in a new worker', async () => {
    const file = script(
      'exits',
      `parentPort.on('message', () => process.exit(3));\nparentPort.postMessage('ready');`,
    );
    const renderer = make(file);
    const started = jest.spyOn(renderer as unknown as { start(): unknown }, 'start');
    // Ready before the batch: the worker did start; it stops only with the batch in it.
    await waitReady(renderer);
    expect(await renderer.render(TASKS)).toEqual(await expected());
    expect(renderer.inWorker).toBe(true);
    expect(await renderer.render(TASKS)).toEqual(await expected());
    expect(started).toHaveBeenCalledTimes(2);
    expect(renderer.workerBatches).toBe(0);
    expect(logged).toContain('warn: Rendering on the main thread: The render worker stopped');
  });

  it('a worker that answers an error: the batch renders on the main thread', async () => {
    const file = script(
      'answers-error',
      `parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, error: 'cannot render' }));\nparentPort.postMessage('ready');`,
    );
    const renderer = make(file);
    expect(await renderer.render(TASKS)).toEqual(await expected());
    expect(renderer.inWorker).toBe(true);
    expect(renderer.workerBatches).toBe(0);
    expect(logged).toEqual(['warn: Rendering on the main thread: cannot render']);
  });
});

/** Starts `renderer`'s worker and waits for its 'ready' (polling its state, no fixed sleep). */
async function waitReady(renderer: MessageRenderer): Promise<void> {
  const inside = renderer as unknown as { start(): unknown; ready: boolean };
  inside.start();
  while (!inside.ready) await new Promise((resolve) => setTimeout(resolve, 10));
}
