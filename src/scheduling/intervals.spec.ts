import fc from 'fast-check';
import { exclusiveClashes, overlaps, peakUse, unitsFreeThrough } from './intervals';
import { Interval, PoolUse } from './types';

const MINUTE = 60_000;

/** An interval given in whole minutes. */
const span = (start: number, end: number): Interval => ({
  start: start * MINUTE,
  end: end * MINUTE,
});
const use = (start: number, end: number, quantity: number): PoolUse => ({
  ...span(start, end),
  quantity,
});

const minuteInterval = (max: number): fc.Arbitrary<[number, number]> =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 1, max: 30 }))
    .map(([start, length]) => [start, start + length]);

describe('overlaps', () => {
  it('treats intervals as half-open', () => {
    expect(overlaps(span(10, 12), span(12, 14))).toBe(false);
    expect(overlaps(span(12, 14), span(10, 12))).toBe(false);
    expect(overlaps(span(10, 12), span(11, 14))).toBe(true);
    expect(overlaps(span(10, 14), span(11, 12))).toBe(true);
    expect(overlaps(span(10, 12), span(10, 12))).toBe(true);
  });
});

describe('exclusiveClashes', () => {
  const existing = [span(600, 720), span(840, 900)];

  it('lets touching bookings pass without a buffer', () => {
    expect(exclusiveClashes(span(720, 840), existing, 0)).toEqual([]);
  });

  it('adds the buffer after the existing booking', () => {
    expect(exclusiveClashes(span(720, 780), existing, 15)).toEqual([existing[0]]);
    expect(exclusiveClashes(span(735, 780), existing, 15)).toEqual([]);
  });

  it('adds the buffer after the requested booking too', () => {
    expect(exclusiveClashes(span(735, 830), existing, 15)).toEqual([existing[1]]);
    expect(exclusiveClashes(span(735, 825), existing, 15)).toEqual([]);
  });

  it('returns every clashing booking, keeping the caller objects', () => {
    const rows = [
      { ...span(0, 60), id: 'a' },
      { ...span(60, 120), id: 'b' },
      { ...span(200, 260), id: 'c' },
    ];
    expect(exclusiveClashes(span(30, 90), rows, 0).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('agrees with a minute-by-minute oracle (property)', () => {
    fc.assert(
      fc.property(
        minuteInterval(60),
        fc.array(minuteInterval(60), { maxLength: 6 }),
        fc.integer({ min: 0, max: 10 }),
        ([rs, re], rows, buffer) => {
          // Each booking blocks its minutes plus `buffer` minutes after it.
          const blocked = (s: number, e: number): Set<number> => {
            const minutes = new Set<number>();
            for (let m = s; m < e + buffer; m++) minutes.add(m);
            return minutes;
          };
          const requested = blocked(rs, re);
          const expected = rows.filter(([s, e]) =>
            [...blocked(s, e)].some((m) => requested.has(m)),
          );
          const actual = exclusiveClashes(
            span(rs, re),
            rows.map(([s, e]) => span(s, e)),
            buffer,
          );
          expect(actual).toEqual(expected.map(([s, e]) => span(s, e)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('peakUse', () => {
  it('releases before acquiring at the same instant', () => {
    const uses = [use(0, 60, 3), use(60, 120, 3), use(120, 180, 3)];
    expect(peakUse(uses, span(0, 180))).toBe(3);
  });

  it('sums concurrent uses, not everything that touches the window', () => {
    const uses = [use(0, 30, 2), use(40, 70, 2), use(60, 90, 1)];
    expect(peakUse(uses, span(0, 120))).toBe(3);
  });

  it('only counts uses inside the window', () => {
    const uses = [use(0, 60, 5), use(60, 120, 1), use(180, 240, 7)];
    expect(peakUse(uses, span(60, 180))).toBe(1);
    expect(peakUse(uses, span(59, 61))).toBe(5);
    expect(peakUse(uses, span(120, 180))).toBe(0);
  });

  it('is zero for an empty window or no uses', () => {
    expect(peakUse([use(0, 60, 5)], span(30, 30))).toBe(0);
    expect(peakUse([], span(0, 60))).toBe(0);
  });

  it('agrees with a minute-by-minute occupancy array (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 20 }).map((q) => q * 5),
            fc.integer({ min: 1, max: 8 }).map((q) => q * 5),
            fc.integer({ min: 1, max: 5 }),
          ),
          { maxLength: 12 },
        ),
        minuteInterval(110),
        (rows, [ws, we]) => {
          // Starts and lengths on 5-minute steps make touching intervals frequent.
          const occupancy = new Array<number>(200).fill(0);
          for (const [start, length, quantity] of rows) {
            for (let m = start; m < start + length; m++) occupancy[m] += quantity;
          }
          const expected = Math.max(0, ...occupancy.slice(ws, we));
          const uses = rows.map(([start, length, quantity]) =>
            use(start, start + length, quantity),
          );
          expect(peakUse(uses, span(ws, we))).toBe(expected);
          expect(unitsFreeThrough(10, uses, span(ws, we))).toBe(Math.max(0, 10 - expected));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('unitsFreeThrough', () => {
  it('is the pool size minus the peak, never below zero', () => {
    const uses = [use(0, 60, 4), use(30, 90, 4)];
    expect(unitsFreeThrough(10, uses, span(0, 90))).toBe(2);
    expect(unitsFreeThrough(10, uses, span(60, 90))).toBe(6);
    expect(unitsFreeThrough(5, uses, span(0, 90))).toBe(0);
  });
});
