import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';

interface DescribedClock {
  describe(): string;
}

/**
 * The node environment, plus: when a test (or a hook) fails, it prints the seed and start of the
 * test clocks involved (TestClock registers every clock it makes), so that a failure at an odd
 * second can be repeated with MAKON_TEST_CLOCK_SEED. Those are the clocks made during the failing
 * test, or, when it made none, every clock of the file so far (made in `beforeAll`).
 */
export default class ClockEnvironment extends TestEnvironment {
  private clocksBeforeTest = 0;

  handleTestEvent(event: Circus.Event): void {
    const clocks = (this.global as { __makonTestClocks?: DescribedClock[] }).__makonTestClocks;
    if (event.name === 'test_start') this.clocksBeforeTest = clocks?.length ?? 0;
    const failed =
      (event.name === 'test_done' && event.test.errors.length > 0) || event.name === 'hook_failure';
    if (!failed || !clocks?.length) return;
    const own = clocks.slice(this.clocksBeforeTest);
    const name = event.name === 'test_done' ? `"${event.test.name}"` : `a ${event.hook.type} hook`;
    for (const clock of own.length > 0 ? own : clocks) {
      process.stderr.write(`\n[${name} failed] ${clock.describe()}\n`);
    }
  }
}
