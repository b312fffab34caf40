import { shiftWall, wallMinutesBetween } from './wall-shift';

describe('wall-clock shifts', () => {
  it('measures calendar minutes between wall times, ignoring any zone', () => {
    expect(wallMinutesBetween('2026-12-14T09:00', '2026-12-15T11:00')).toBe(26 * 60);
    expect(wallMinutesBetween('2027-03-27T10:00', '2027-03-28T10:00')).toBe(24 * 60);
    expect(wallMinutesBetween('2026-12-15T11:00', '2026-12-14T09:00')).toBe(-26 * 60);
  });

  it('shifts across month and year ends', () => {
    expect(shiftWall('2026-12-31T23:30', 45)).toBe('2027-01-01T00:15');
    expect(shiftWall('2028-02-28T10:00', 24 * 60)).toBe('2028-02-29T10:00');
    expect(
      shiftWall('2026-12-14T09:00', wallMinutesBetween('2026-12-14T09:00', '2026-12-15T11:00')),
    ).toBe('2026-12-15T11:00');
  });
});
