import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { yieldToRequests } from '../common/yield';
import { RenderResult, RenderTask, renderTask } from './payloads';

const WORKER_SCRIPT = join(__dirname, 'render-worker.js');
/** A batch's messages are a few hundred KB at most; the limits keep its garbage small. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

interface Pending {
  resolve(results: RenderResult[]): void;
  reject(error: Error): void;
}

/**
 * Renders a fan-out batch's messages (renderMessage's text, HTML and `.ics`, and each channel's
 * payload; payloads.ts) in one worker thread, started on first use, so that the CPU of a fan-out
 * (seconds per 1,000 events) is not spent on the event loop that answers requests. The main thread
 * only reads the batch, posts its facts and writes the results.
 *
 * If the worker cannot start (it stops before it says it is ready), batches are rendered here, on
 * the main thread, yielding to requests between messages, and this is logged once; if it stops
 * later, the batch it had is rendered here and the next batch starts another. After app shutdown
 * the worker is gone and rendering is done here. The worker is unref'd while it has no batch, so it
 * never keeps a process alive.
 */
@Injectable()
export class MessageRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger('MessageRenderer');
  private worker?: Worker;
  private ready = false;
  private cannotStart = false;
  private stopped = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Batches the worker thread rendered (for tests and the bench). */
  workerBatches = 0;
  /** The worker thread's script (a spec replaces it with one that fails). */
  protected readonly script: string = WORKER_SCRIPT;

  /** Whether batches are rendered in the worker thread (for tests and the bench). */
  get inWorker(): boolean {
    return !this.cannotStart && !this.stopped;
  }

  async render(tasks: RenderTask[]): Promise<RenderResult[]> {
    if (tasks.length === 0) return [];
    if (this.inWorker) {
      try {
        return await this.send(tasks);
      } catch (error) {
        this.logger.warn(`Rendering on the main thread: ${(error as Error).message}`);
      }
    }
    return renderHere(tasks);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    // Terminated, not asked to close: it holds nothing to finish cleanly (a batch still in it is
    // rendered here), and a thread that loaded @swc/core (under jest) otherwise can keep the
    // process from exiting.
    await worker.terminate();
  }

  private send(tasks: RenderTask[]): Promise<RenderResult[]> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, tasks });
    });
  }

  private start(): Worker {
    const worker = new Worker(this.script, { resourceLimits: WORKER_LIMITS });
    this.worker = worker;
    this.ready = false;
    const settle = (id: number) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      return waiting;
    };
    worker.on(
      'message',
      (answer: 'ready' | { id: number; results?: RenderResult[]; error?: string }) => {
        if (answer === 'ready') {
          this.ready = true;
          return;
        }
        const waiting = settle(answer.id);
        if (answer.error !== undefined) waiting?.reject(new Error(answer.error));
        else {
          this.workerBatches++;
          waiting?.resolve(answer.results ?? []);
        }
      },
    );
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      if (!this.ready && !this.stopped && !this.cannotStart) {
        this.cannotStart = true;
        this.logger.error(`The render worker cannot start: ${error.message}`);
      }
      for (const id of [...this.pending.keys()]) settle(id)?.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('The render worker stopped')));
    return worker;
  }
}

/** The fallback: the batch rendered on this thread, yielding to requests between messages. */
export async function renderHere(tasks: RenderTask[]): Promise<RenderResult[]> {
  const results: RenderResult[] = [];
  for (const [index, task] of tasks.entries()) {
    if (index > 0) await yieldToRequests();
    results.push(renderTask(task));
  }
  return results;
}
