import { ownerIdOf, ownerNumberOf } from './owner-numbers';

describe('owner numbers', () => {
  it('gives each id one number for the life of the process, and the id back for it', () => {
    const ana = ownerNumberOf('0b9e3b1c-ana');
    const ben = ownerNumberOf('0b9e3b1c-ben');
    expect(ben).not.toBe(ana);
    expect(ownerNumberOf('0b9e3b1c-ana')).toBe(ana);
    expect(ownerIdOf(ana)).toBe('0b9e3b1c-ana');
    expect(ownerIdOf(ben)).toBe('0b9e3b1c-ben');
  });

  it('refuses a number it never gave', () => {
    expect(() => ownerIdOf(1e9)).toThrow(RangeError);
  });
});
