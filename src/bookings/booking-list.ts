import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Dialect, HeavyReads } from '../database';
import { BookingEntity, BookingStatus } from './booking.entity';
import { BookingView } from './bookings.dto';
import { BookingsService } from './bookings.service';

/**
 * A center's bookings in the order of their first session's start (`start_local`, then id), one
 * page at a time from a position (keyset paging, no OFFSET and no total count), for the staff's
 * bookings page. Every statement is a range of idx_bookings_center_start (center_id,
 * start_local, id), so a page costs the same with one year of history or five
 * (test/query-plans.e2e-spec.ts pins the plan; docs/benchmarks.md). The positions and the count
 * of pending requests are read off the event loop on SQLite (HeavyReads): a resource's or
 * person's filter sorts their whole history.
 */

/** A position in the list: a first session's local start, and an id to break ties ('' = none). */
export interface ListPosition {
  startLocal: string;
  id: string;
}

export interface BookingListQuery {
  centerId: string;
  status?: BookingStatus;
  resourceId?: string;
  ownerId?: string;
  /** Local wall-clock bounds on the first session's start: `from` ≤ start < `until`. */
  from?: string;
  until?: string;
  /** The page after this position (ascending) or the page before it; neither: from the start. */
  after?: ListPosition;
  before?: ListPosition;
  limit: number;
}

export interface BookingListPage {
  items: BookingView[];
  /** The position of the first row, when bookings come before it (under the same filters). */
  earlier: ListPosition | null;
  /** The position of the last row, when bookings come after it. */
  later: ListPosition | null;
}

/** The `WHERE` clause shared by the statements (with `?`/`$n` placeholders) and its values. */
function conditions(
  query: BookingListQuery,
  placeholder: () => string,
): { where: string; values: Array<string | number> } {
  const parts = [`b.center_id = ${placeholder()}`];
  const values: Array<string | number> = [query.centerId];
  const add = (sql: (p: () => string) => string, ...args: Array<string | number>): void => {
    parts.push(sql(placeholder));
    values.push(...args);
  };
  if (query.from !== undefined) add((p) => `b.start_local >= ${p()}`, query.from);
  if (query.until !== undefined) add((p) => `b.start_local < ${p()}`, query.until);
  if (query.status !== undefined) add((p) => `b.status = ${p()}`, query.status);
  if (query.resourceId !== undefined) add((p) => `b.resource_id = ${p()}`, query.resourceId);
  if (query.ownerId !== undefined) add((p) => `b.owner_id = ${p()}`, query.ownerId);
  return { where: parts.join(' AND '), values };
}

/**
 * The statement reading one page's ids: `limit` rows (ask one more to learn whether there is a
 * next page) after or before `position`, ascending or descending.
 */
export function bookingListStatement(
  postgres: boolean,
  query: BookingListQuery,
  direction: 'after' | 'before',
  position: ListPosition | undefined,
  limit: number,
): { sql: string; values: Array<string | number> } {
  let n = 0;
  const dialect = Dialect.named(postgres);
  const placeholder = (): string => dialect.placeholder(++n);
  const { where, values } = conditions(query, placeholder);
  const order = direction === 'after' ? 'ASC' : 'DESC';
  let keyset = '';
  if (position !== undefined) {
    keyset = ` AND (b.start_local, b.id) ${direction === 'after' ? '>' : '<'} (${placeholder()}, ${placeholder()})`;
    values.push(position.startLocal, position.id);
  }
  return {
    sql: `SELECT b.id, b.start_local FROM bookings b WHERE ${where}${keyset}
           ORDER BY b.start_local ${order}, b.id ${order} LIMIT ${Math.floor(limit)}`,
    values,
  };
}

@Injectable()
export class BookingList {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bookings: BookingsService,
    private readonly heavyReads: HeavyReads,
  ) {}

  private get postgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /** One page of a center's bookings; the caller has checked that they may see the center. */
  async page(query: BookingListQuery): Promise<BookingListPage> {
    const backwards = query.before !== undefined;
    const position = backwards ? query.before : query.after;
    const rows = await this.positions(
      query,
      backwards ? 'before' : 'after',
      position,
      query.limit + 1,
    );
    const more = rows.length > query.limit;
    const shown = rows.slice(0, query.limit);
    if (backwards) shown.reverse();
    const first = shown[0];
    const last = shown[shown.length - 1];
    // Whether anything lies on the other side of the page: one row of the same index range.
    const beyond = async (direction: 'after' | 'before', from: ListPosition | undefined) =>
      from !== undefined && (await this.positions(query, direction, from, 1)).length > 0;
    const earlier = backwards ? more : await beyond('before', first ?? position);
    const later = backwards ? await beyond('after', last ?? position) : more;
    const entities = await this.dataSource
      .getRepository(BookingEntity)
      .findBy({ id: In(shown.map((row) => row.id)) });
    const byId = new Map(entities.map((b) => [b.id, b]));
    const ordered = shown.map((row) => byId.get(row.id)).filter((b) => b !== undefined);
    return {
      items: await this.bookings.views(ordered),
      earlier: earlier && first ? first : earlier && position ? position : null,
      later: later && last ? last : later && position ? position : null,
    };
  }

  /** How many requests of a center wait for a decision (a range of idx_bookings_center_report). */
  async pendingCount(centerId: string): Promise<number> {
    const rows = await this.heavyReads.query<{ count: number | string }>(
      Dialect.of(this.dataSource).sql(
        `SELECT COUNT(*) AS count FROM bookings WHERE center_id = ? AND status = 'pending'`,
      ),
      [centerId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  private async positions(
    query: BookingListQuery,
    direction: 'after' | 'before',
    position: ListPosition | undefined,
    limit: number,
  ): Promise<ListPosition[]> {
    const { sql, values } = bookingListStatement(this.postgres, query, direction, position, limit);
    const rows = await this.heavyReads.query<{ id: string; start_local: string }>(sql, values);
    return rows.map((row) => ({ startLocal: row.start_local, id: row.id }));
  }
}
