import { noShowReleaseAt } from './check-in';
import { isNoShow } from './no-show';

describe('the no-show rule', () => {
  const start = Date.parse('2026-12-01T10:00:00+05:00');
  const release = noShowReleaseAt(start, { checkInGraceMinutes: 15 });
  const booked = { status: 'booked', startMs: start };

  it('releases at start plus the grace period', () => {
    expect(release).toBe(Date.parse('2026-12-01T10:15:00+05:00'));
  });

  it('counts a booked session of a check-in resource from the release moment, not before', () => {
    expect(isNoShow(booked, true, 15, release - 1)).toBe(false);
    expect(isNoShow(booked, true, 15, release)).toBe(true);
  });

  it('never counts sessions of resources without check-in, or sessions checked in', () => {
    expect(isNoShow(booked, false, 15, release + 1)).toBe(false);
    expect(isNoShow({ status: 'checked_in', startMs: start }, true, 15, release + 1)).toBe(false);
  });

  it('trusts a session already marked no_show', () => {
    expect(isNoShow({ status: 'no_show', startMs: start }, false, 15, start)).toBe(true);
  });
});
