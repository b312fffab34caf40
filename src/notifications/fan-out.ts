import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { UserEntity } from '../identity';
import type { NotificationChannel } from './channel';
import { BatchFacts, gatherFacts, readBatchFacts } from './compose';
import type { NotificationEntity } from './notification.entity';
import { OutboxEntity, OutboxRepository } from '../outbox';
import { NotificationsRepository } from './notifications.repository';
import { PAYLOAD_RENDERERS, recipientOf, RenderResult, RenderTask } from './payloads';
import { renderHere } from './renderer';
import { settingsView } from './settings';

/**
 * How many outbox events one batch fans out: small enough that a request's write never waits
 * long behind one (the job gives way to requests between batches: RequestActivity).
 */
export const FAN_OUT_BATCH = 25;

/** What a batch writes, in one statement each at its end. */
interface BatchWrites {
  notifications: NotificationEntity[];
  deliveries: Parameters<NotificationsRepository['insertDeliveries']>[1];
}

/** Renders a batch's tasks, in order (MessageRenderer: in its worker thread). */
export interface BatchRenderer {
  render(tasks: RenderTask[]): Promise<RenderResult[]>;
}

/** Runs `work` in a write transaction and answers what it answers. */
export type InWrite = <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;

/**
 * Takes up to FAN_OUT_BATCH events not yet fanned out (on PostgreSQL `FOR UPDATE SKIP LOCKED`, so
 * instances take different ones) and, for each person it concerns who wants it: writes the in-app
 * notification in their language and one delivery per channel that reaches them, then marks the
 * event done. Unique keys make a repeat harmless.
 *
 * The cost of a batch does not grow with the history: what its events say is read in a few
 * statements for the whole batch by key (compose.ts, `readBatchFacts`), and its writes are three
 * statements. Rendering (text, HTML, `.ics`, the channels' payloads) is the CPU of a fan-out: it
 * is `renderer`'s, in a worker thread (MessageRenderer; renderer.ts), the main thread only plans
 * who gets what, posts the facts and writes the results. `oneTransaction` (PostgreSQL, where instances share the outbox): reading,
 * rendering and writing in one transaction that holds the events' row locks. Otherwise (SQLite's
 * single writer) the events and their facts are read in one write, rendered outside any, and
 * written in a second, so that no request's write waits behind the rendering.
 */
export async function fanOutBatch(
  repositories: { notifications: NotificationsRepository; outbox: OutboxRepository },
  inWrite: InWrite,
  channels: readonly NotificationChannel[],
  publicUrl: string,
  now: number,
  options: { oneTransaction: boolean },
  renderer: BatchRenderer = { render: renderHere },
): Promise<number> {
  const read = async (manager: EntityManager) => {
    const rows = await repositories.outbox.takeNotFannedOut(manager, FAN_OUT_BATCH);
    const facts =
      rows.length > 0 ? await readBatchFacts(repositories.notifications, manager, rows) : null;
    return { rows, facts };
  };
  const write = async (manager: EntityManager, rows: OutboxEntity[], writes: BatchWrites) => {
    await repositories.notifications.insertNotifications(manager, writes.notifications);
    await repositories.notifications.insertDeliveries(manager, writes.deliveries);
    await repositories.outbox.markFannedOut(
      manager,
      rows.map((row) => row.id),
    );
  };
  const render = async (rows: OutboxEntity[], facts: BatchFacts): Promise<BatchWrites> => {
    const planned: Planned[] = [];
    for (const row of rows) plan(row, facts, channels, publicUrl, planned);
    const results = await renderer.render(planned.map((p) => p.task));
    const writes: BatchWrites = { notifications: [], deliveries: [] };
    planned.forEach((p, index) => record(p, results[index], now, writes));
    return writes;
  };
  if (options.oneTransaction) {
    return inWrite(async (manager) => {
      const { rows, facts } = await read(manager);
      if (!facts) return 0;
      await write(manager, rows, await render(rows, facts));
      return rows.length;
    });
  }
  const { rows, facts } = await inWrite(read);
  if (!facts) return 0;
  const writes = await render(rows, facts);
  await inWrite((manager) => write(manager, rows, writes));
  return rows.length;
}

/** One event for one person, planned on the main thread; its rendering is a RenderTask. */
interface Planned {
  row: OutboxEntity;
  bookingId: string | null;
  person: UserEntity;
  task: RenderTask;
  /** The channels that reach the person, in order; those in `task.channels` come rendered. */
  channels: NotificationChannel[];
}

/** Who gets the event and over which channels (cheap: no rendering). */
function plan(
  row: OutboxEntity,
  batch: BatchFacts,
  channels: readonly NotificationChannel[],
  publicUrl: string,
  planned: Planned[],
): void {
  if (!stillTrue(row, batch)) return;
  const gathered = gatherFacts(row, batch);
  if (!gathered) return;
  const recipientIds = row.recipientId
    ? [row.recipientId]
    : row.event === 'booking_pending'
      ? (batch.approvers.get(gathered.centerId) ?? [])
      : [gathered.ownerId];
  // The active ones among them, in the order of their ids (as the read by key answered them).
  const people = [...new Set(recipientIds)]
    .map((id) => batch.users.get(id))
    .filter((person): person is UserEntity => person !== undefined && person.active)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const person of people) {
    const wanted = settingsView(batch.settings.get(person.id) ?? null);
    if (!wanted.events[row.event]) continue;
    const link =
      row.event === 'booking_pending'
        ? `${publicUrl}/admin/bookings/${gathered.facts.bookingId}`
        : `${publicUrl}/me`;
    const reaching = channels.filter((channel) => channel.reaches(person, wanted));
    const pure = reaching.filter((channel) => Object.hasOwn(PAYLOAD_RENDERERS, channel.name));
    planned.push({
      row,
      bookingId: gathered.facts.bookingId,
      person,
      channels: reaching,
      task: {
        facts: gathered.facts,
        locale: person.locale,
        link,
        person: recipientOf(person),
        channels: pure.map((channel) => channel.name),
        needMessage: pure.length < reaching.length,
      },
    });
  }
}

/** The in-app notification and one delivery per channel, from what was rendered. */
function record(planned: Planned, result: RenderResult, now: number, writes: BatchWrites): void {
  const { row, person } = planned;
  writes.notifications.push({
    id: randomUUID(),
    userId: person.id,
    outboxId: row.id,
    event: row.event,
    bookingId: planned.bookingId,
    title: result.title.slice(0, 300),
    body: result.text,
    createdAt: row.createdAt,
    readAt: null,
  });
  let rendered = 0;
  for (const channel of planned.channels) {
    const payload = Object.hasOwn(PAYLOAD_RENDERERS, channel.name)
      ? result.payloads[rendered++]
      : JSON.stringify(channel.render(result.message!, person));
    writes.deliveries.push({
      outboxId: row.id,
      userId: person.id,
      channel: channel.name,
      nextAttemptAt: now,
      payload,
      createdAt: now,
      updatedAt: now,
    });
  }
}

/** A reminder is said only if its session is still booked at the time it was meant for. */
function stillTrue(row: OutboxEntity, batch: BatchFacts): boolean {
  if (row.event !== 'session_reminder' || !row.occurrenceId) return true;
  const meant = (JSON.parse(row.data ?? '{}') as { startMs?: number }).startMs;
  const session = batch.sessions.get(row.occurrenceId);
  return session?.status === 'booked' && session.startMs === meant;
}
