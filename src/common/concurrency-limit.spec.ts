import { ConcurrencyLimit } from './concurrency-limit';

/** A task that runs until `finish` is called, recording when it started. */
function heldTask(started: number[], id: number) {
  let finish!: (value: number) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<number>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    task: () => {
      started.push(id);
      return done;
    },
    finish: () => finish(id),
    fail: () => fail(new Error(`task ${id} failed`)),
  };
}

/** Lets every settled promise's continuations run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimit', () => {
  it('runs at most the limit at once and the others in arrival order', async () => {
    const limit = new ConcurrencyLimit(2);
    const started: number[] = [];
    const tasks = [0, 1, 2, 3].map((id) => heldTask(started, id));
    const results = tasks.map((t) => limit.run(t.task));
    await settle();
    expect(started).toEqual([0, 1]);
    expect(limit.load).toEqual({ running: 2, waiting: 2 });

    tasks[1].finish();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect(limit.load).toEqual({ running: 2, waiting: 1 });

    tasks[0].finish();
    tasks[2].finish();
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    tasks[3].finish();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3]);
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot of a task that fails, and passes its error on', async () => {
    const limit = new ConcurrencyLimit(1);
    const started: number[] = [];
    const first = heldTask(started, 0);
    const second = heldTask(started, 1);
    const failed = limit.run(first.task);
    const next = limit.run(second.task);
    await settle();
    expect(started).toEqual([0]);
    first.fail();
    await expect(failed).rejects.toThrow('task 0 failed');
    await settle();
    expect(started).toEqual([0, 1]);
    second.finish();
    expect(await next).toBe(1);
    expect(limit.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a limit that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new ConcurrencyLimit(bad)).toThrow(RangeError);
    }
  });
});
