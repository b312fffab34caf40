import {
  BACKGROUND_SHARE,
  giveWayMs,
  MAX_GIVE_WAY_MS,
  QUIET_AFTER_MS,
  RequestActivity,
} from './request-activity';

describe('RequestActivity', () => {
  let now: number;
  let activity: RequestActivity;

  beforeEach(() => {
    now = 1_000_003.7;
    activity = new RequestActivity(() => now);
  });

  it('is quiet before any request, busy while one is in flight, and for a moment after it', () => {
    expect(activity.busy()).toBe(false);
    activity.started();
    now += 5_000;
    expect(activity.busy()).toBe(true);
    activity.ended();
    now += QUIET_AFTER_MS - 1;
    expect(activity.busy()).toBe(true);
    now += 2;
    expect(activity.busy()).toBe(false);
  });

  it('stays busy while any of several requests is in flight', () => {
    activity.started();
    activity.started();
    activity.ended();
    now += QUIET_AFTER_MS + 1;
    expect(activity.busy()).toBe(true);
    activity.ended();
    now += QUIET_AFTER_MS + 1;
    expect(activity.busy()).toBe(false);
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
    now += QUIET_AFTER_MS + 1;
    activity.started();
    now += QUIET_AFTER_MS + 1;
    expect(activity.busy()).toBe(true);
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
