import { clockOffsetOf, TestClock } from './support/test-app';

const WHOLE = Date.parse('2026-12-01T08:00:00+05:00');

describe('the test clock', () => {
  it('never stands on a whole minute or a whole second, whatever the seed', () => {
    for (let seed = 0; seed < 5000; seed++) {
      const offset = clockOffsetOf(seed * 7919);
      expect(offset % 1000).not.toBe(0);
      expect(offset).toBeGreaterThan(1000);
      expect(offset).toBeLessThan(59_000);
    }
  });

  it('keeps its offset when started, set and advanced, and the same seed gives the same offset', () => {
    const clock = new TestClock(WHOLE, 12345);
    expect(clock.offsetMs).toBe(clockOffsetOf(12345));
    expect(clock.now()).toBe(WHOLE + clock.offsetMs);
    clock.advanceMinutes(90);
    expect(clock.now()).toBe(WHOLE + 90 * 60_000 + clock.offsetMs);
    clock.set('2026-12-02T10:00+05:00');
    expect(clock.now()).toBe(Date.parse('2026-12-02T10:00+05:00') + clock.offsetMs);
    expect(new Date(clock.now()).getUTCSeconds()).toBe(Number(clock.oddSeconds()));
    expect(new TestClock(WHOLE, 12345).now()).toBe(WHOLE + clock.offsetMs);
  });

  it('keeps a time given with seconds as given, and setExactly keeps a whole minute', () => {
    const clock = new TestClock(WHOLE, 1);
    clock.set('2026-12-01T10:30:20+05:00');
    expect(clock.now()).toBe(Date.parse('2026-12-01T10:30:20+05:00'));
    clock.setExactly('2026-12-01T11:00:00+05:00');
    expect(clock.now()).toBe(Date.parse('2026-12-01T11:00:00+05:00'));
    expect(() => clock.set('not a time')).toThrow();
  });

  it('takes its seed from MAKON_TEST_CLOCK_SEED when set', () => {
    const before = process.env.MAKON_TEST_CLOCK_SEED;
    try {
      process.env.MAKON_TEST_CLOCK_SEED = '777';
      expect(new TestClock(WHOLE).seed).toBe(777);
      expect(new TestClock(WHOLE).describe()).toContain('MAKON_TEST_CLOCK_SEED=777');
      process.env.MAKON_TEST_CLOCK_SEED = 'seven';
      expect(() => new TestClock(WHOLE)).toThrow(/MAKON_TEST_CLOCK_SEED/);
    } finally {
      if (before === undefined) delete process.env.MAKON_TEST_CLOCK_SEED;
      else process.env.MAKON_TEST_CLOCK_SEED = before;
    }
  });
});
