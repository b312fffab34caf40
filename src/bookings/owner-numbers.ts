/**
 * Owner ids as small integers, for the sets that count distinct people in the reports: a year's
 * reports page adds about a million owner entries into sets (per resource, day, purpose, week,
 * kind and for the totals). As 36-character ids they were a third of the page's work, most of it
 * the garbage collector; as integers they are cheap to hash and to hold. One numbering for the
 * process, so that groups of any report can be joined; it holds each owner who has appeared in a
 * report once, which is bounded by the users.
 */
const numbers = new Map<string, number>();
const ids: string[] = [];

/** The owner's number, the same for the life of the process. */
export function ownerNumberOf(id: string): number {
  let n = numbers.get(id);
  if (n === undefined) {
    n = ids.length;
    ids.push(id);
    numbers.set(id, n);
  }
  return n;
}

/** The id an owner's number stands for. */
export function ownerIdOf(n: number): string {
  const id = ids[n];
  if (id === undefined) throw new RangeError(`No owner numbered ${n}`);
  return id;
}
