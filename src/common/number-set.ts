/**
 * A set of small non-negative integers (people's `users.number`) as one bit each.
 *
 * A year's reports page adds about a million owners into a few hundred sets (one per row of each
 * view, and the totals) to count distinct people. A `Set<number>` allocates and rehashes its
 * table as it grows, and that garbage was most of the page's collector time; this grows one
 * typed array, doubling, to the largest number added.
 */
export class NumberSet {
  private words: Uint32Array;
  private count = 0;

  constructor(capacityHint = 1024) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(capacityHint / 32)));
  }

  get size(): number {
    return this.count;
  }

  add(value: number): void {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`Not a non-negative integer: ${value}`);
    }
    const index = value >>> 5;
    if (index >= this.words.length) this.grow(index + 1);
    const bit = 1 << (value & 31);
    if ((this.words[index] & bit) === 0) {
      this.words[index] |= bit;
      this.count++;
    }
  }

  addAll(values: Iterable<number>): void {
    for (const value of values) this.add(value);
  }

  has(value: number): boolean {
    const index = value >>> 5;
    return (
      Number.isInteger(value) &&
      value >= 0 &&
      index < this.words.length &&
      (this.words[index] & (1 << (value & 31))) !== 0
    );
  }

  /** Calls `visit` with each member in ascending order (a loop: no iterator object per member). */
  forEach(visit: (value: number) => void): void {
    const words = this.words;
    for (let index = 0; index < words.length; index++) {
      let word = words[index];
      while (word !== 0) {
        const lowest = word & -word;
        visit(index * 32 + (31 - Math.clz32(lowest)));
        word ^= lowest;
      }
    }
  }

  /** The members in ascending order (through `forEach`). */
  [Symbol.iterator](): IterableIterator<number> {
    const members: number[] = [];
    this.forEach((value) => members.push(value));
    return members[Symbol.iterator]();
  }

  private grow(minimumWords: number): void {
    let length = this.words.length;
    while (length < minimumWords) length *= 2;
    const grown = new Uint32Array(length);
    grown.set(this.words);
    this.words = grown;
  }
}
