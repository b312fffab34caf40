// better-sqlite3 ships no types; the bench's PostgreSQL copy uses a few of its calls.
declare module 'better-sqlite3' {
  interface Statement {
    raw(toggle: boolean): Statement;
    iterate(...params: unknown[]): IterableIterator<unknown[]>;
  }
  class Database {
    constructor(path: string, options?: { readonly?: boolean });
    prepare(sql: string): Statement;
    pragma(sql: string): unknown;
    close(): void;
  }
  export default Database;
}
