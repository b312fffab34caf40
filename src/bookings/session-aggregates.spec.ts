import { type AggregateGroup, byDayAndPurpose, type SessionCounts } from './session-aggregates';

const counts = (sessions: number, noShows = 0, attendees = 0): SessionCounts => ({
  sessions,
  noShows,
  attendees,
  seminars: 0,
  participants: 0,
});

const group = (
  key: string,
  bookedMs: number,
  usedMs: number,
  primary: SessionCounts,
  owners: number[],
): AggregateGroup => ({ key, bookedMs, usedMs, row: primary, kind: primary, primary, owners });

const [ANA, BEN] = [1, 2];

/** A group's owners as the set they stand for (a group's list may repeat a person). */
const distinctOwners = (groups: AggregateGroup[]): AggregateGroup[] =>
  groups.map((g) => ({ ...g, owners: [...new Set(g.owners)].sort((a, b) => a - b) }));

describe('byDayAndPurpose', () => {
  it('adds the (day, purpose) groups up by day and by purpose, owners together', () => {
    const { days, purposes } = byDayAndPurpose([
      group('20400|work', 3_600_000, 1_800_000, counts(2, 0, 3), [ANA, BEN]),
      group('20400|seminar', 7_200_000, 0, counts(1, 1, 0), []),
      group('20401|work', 5_400_000, 5_400_000, counts(1, 0, 1), [BEN]),
      // A pool's hours on a day: no counts (a loan never counts a session a second time).
      group('20401|work', 900_000, 0, counts(0), []),
    ]);
    expect(distinctOwners(days)).toEqual([
      {
        key: 20400,
        bookedMs: 10_800_000,
        usedMs: 1_800_000,
        row: counts(3, 1, 3),
        kind: counts(3, 1, 3),
        primary: counts(3, 1, 3),
        owners: [ANA, BEN],
      },
      {
        key: 20401,
        bookedMs: 6_300_000,
        usedMs: 5_400_000,
        row: counts(1, 0, 1),
        kind: counts(1, 0, 1),
        primary: counts(1, 0, 1),
        owners: [BEN],
      },
    ]);
    expect(distinctOwners(purposes)).toEqual([
      {
        key: 'work',
        bookedMs: 9_900_000,
        usedMs: 7_200_000,
        row: counts(3, 0, 4),
        kind: counts(3, 0, 4),
        primary: counts(3, 0, 4),
        owners: [ANA, BEN],
      },
      {
        key: 'seminar',
        bookedMs: 7_200_000,
        usedMs: 0,
        row: counts(1, 1, 0),
        kind: counts(1, 1, 0),
        primary: counts(1, 1, 0),
        owners: [],
      },
    ]);
  });
});
