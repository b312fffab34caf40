import {
  BACKGROUND_SHARE,
  BUSY_UTILIZATION,
  giveWayMs,
  MAX_GIVE_WAY_MS,
  RequestActivity,
  UTILIZATION_WINDOW_MS,
} from './request-activity';

describe('RequestActivity', () => {
  let now: number;
  let activity: RequestActivity;

  beforeEach(() => {
    now = 1_000_003.7;
    activity = new RequestActivity(() => now);
  });

  /** Requests one after another for `ms`: each `work` ms long, then `gap` ms without one. */
  function serve(ms: number, work: number, gap: number): void {
    for (const until = now + ms; now < until;) {
      activity.started();
      now += work;
      activity.ended();
      now += gap;
    }
  }

  it('is quiet before any request and busy while one has been in flight for a while', () => {
    expect(activity.utilization()).toBe(0);
    expect(activity.busy()).toBe(false);
    activity.started();
    now += UTILIZATION_WINDOW_MS * BUSY_UTILIZATION + 1;
    expect(activity.busy()).toBe(true);
    now += UTILIZATION_WINDOW_MS;
    expect(activity.utilization()).toBe(1);
  });

  it('is busy under a client that sends requests one after another, and quiet a window after it stops', () => {
    serve(3_000, 2.2, 0.3);
    expect(activity.utilization()).toBeCloseTo(0.88, 1);
    expect(activity.busy()).toBe(true);
    now += UTILIZATION_WINDOW_MS;
    expect(activity.utilization()).toBe(0);
    expect(activity.busy()).toBe(false);
  });

  it('is not busy because of a monitor asking a few times a second, or a few people on the pages', () => {
    serve(5_000, 15, 235);
    expect(activity.utilization()).toBeLessThan(0.1);
    expect(activity.busy()).toBe(false);
  });

  it('counts overlapping requests once: the time with any in flight', () => {
    activity.started();
    now += 100;
    activity.started();
    now += 100;
    activity.ended();
    now += 100;
    activity.ended();
    now += 700;
    expect(activity.utilization()).toBeCloseTo(0.3, 10);
  });

  it('forgets a request whose end it never saw, after half a minute without any change', () => {
    activity.started();
    now += 29_999;
    expect(activity.busy()).toBe(true);
    now += 2;
    expect(activity.busy()).toBe(false);
  });

  it('never counts below zero when an abort and a response both report one end', () => {
    activity.started();
    activity.ended();
    activity.ended();
    activity.started();
    now += 10;
    activity.ended();
    now += UTILIZATION_WINDOW_MS;
    expect(activity.busy()).toBe(false);
  });
});

describe('giveWayMs', () => {
  it('keeps background work to its share of the time while people use the server', () => {
    const work = 12.5;
    const wait = giveWayMs(work, true);
    expect(work / (work + wait)).toBeCloseTo(BACKGROUND_SHARE, 10);
  });

  it('does not wait when nobody is using the server', () => {
    expect(giveWayMs(40, false)).toBe(0);
  });

  it('waits at most MAX_GIVE_WAY_MS, and not at all for nothing or nonsense', () => {
    expect(giveWayMs(60_000, true)).toBe(MAX_GIVE_WAY_MS);
    expect(giveWayMs(0, true)).toBe(0);
    expect(giveWayMs(-3, true)).toBe(0);
    expect(giveWayMs(Number.NaN, true)).toBe(0);
  });
});
