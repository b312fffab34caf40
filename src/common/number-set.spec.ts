import fc from 'fast-check';
import { NumberSet } from './number-set';

describe('NumberSet', () => {
  it('holds what a Set holds: the same size, members and order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 400 }),
        fc.integer({ min: 1, max: 64 }),
        (values, hint) => {
          const set = new NumberSet(hint);
          set.addAll(values);
          const expected = [...new Set(values)].sort((a, b) => a - b);
          expect(set.size).toBe(expected.length);
          expect([...set]).toEqual(expected);
          const visited: number[] = [];
          set.forEach((value) => visited.push(value));
          expect(visited).toEqual(expected);
          for (const value of [0, 31, 32, 33, 4999, 5000, 5001]) {
            expect(set.has(value)).toBe(expected.includes(value));
          }
        },
      ),
    );
  });

  it('keeps the 32nd bit of a word (the sign bit of a 32-bit integer)', () => {
    const set = new NumberSet(1);
    set.addAll([31, 63, 95, 31]);
    expect(set.size).toBe(3);
    expect([...set]).toEqual([31, 63, 95]);
  });

  it('refuses what is not a small non-negative integer', () => {
    const set = new NumberSet();
    for (const value of [-1, 1.5, Number.NaN]) expect(() => set.add(value)).toThrow(RangeError);
    expect(set.size).toBe(0);
    expect(set.has(-1)).toBe(false);
  });
});
