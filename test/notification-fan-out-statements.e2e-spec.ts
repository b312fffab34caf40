import { DataSource } from 'typeorm';
import { NotificationJob } from '../src/notifications/notification.job';
import { MessageRenderer } from '../src/notifications/renderer';
import { MailCatcher } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';
import { createResource, createUser, createWorld, World } from './support/world';

/**
 * The notification job's fan-out reads what a batch of events says in a few statements for the
 * whole batch (src/notifications/compose.ts, `readBatchFacts`), never a set per event: a round
 * that fans out twelve confirmations sends as many statements as one that fans out two (all
 * within one batch of FAN_OUT_BATCH), and reads the bookings, sessions and users once each.
 * Counted on TypeORM's query logger, which sees every statement of the app's DataSource.
 */
describe('notification fan-out: statements per batch, not per event', () => {
  let t: TestApp;
  let w: World;
  let smtp: MailCatcher;
  let desks: string[];
  let slot = 0;

  beforeAll(async () => {
    smtp = new MailCatcher();
    await smtp.start();
    t = await startTestApp({
      now: '2026-12-01T08:00:00+05:00',
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Makon <makon@makon.test>' },
    });
    w = await createWorld(t);
    desks = [];
    for (let i = 0; i < 3; i++) {
      desks.push(
        (await createResource(t, w.admin.token, w.centerId, { kind: 'desk', name: `Desk ${i}` }))
          .id,
      );
    }
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** `count` confirmed single bookings by as many members, each on a free hour. */
  async function book(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const member = await createUser(t, w.admin.token, 'member', { locale: 'en' });
      const n = slot++;
      const hour = 9 + (n % 8);
      const day = 2 + Math.floor(n / 24);
      const date = `2026-12-${String(day).padStart(2, '0')}`;
      const response = await t.request('POST', '/api/v1/bookings', {
        token: member.token,
        body: {
          resourceId: desks[Math.floor(n / 8) % desks.length],
          start: `${date}T${String(hour).padStart(2, '0')}:00`,
          end: `${date}T${String(hour).padStart(2, '0')}:30`,
        },
      });
      expect(response.status).toBe(201);
    }
  }

  /** The statements the app's DataSource sent while the job fanned out and sent a round. */
  async function roundStatements(): Promise<{ statements: string[]; fannedOut: number }> {
    const logger = t.app.get(DataSource).logger;
    const original = logger.logQuery.bind(logger);
    const statements: string[] = [];
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      return original(query, parameters, runner);
    };
    try {
      const round = await t.app.get(NotificationJob).deliver();
      return { statements, fannedOut: round.fannedOut };
    } finally {
      logger.logQuery = original;
    }
  }

  const reads = (statements: string[], table: string) =>
    statements.filter((s) => /^\s*SELECT/i.test(s) && new RegExp(`FROM "?${table}"?`).test(s));

  it('sends as many statements for twelve confirmations as for two, reading each table once', async () => {
    await book(2);
    const few = await roundStatements();
    expect(few.fannedOut).toBe(2);
    await book(12);
    const many = await roundStatements();
    expect(many.fannedOut).toBe(12);
    expect(many.statements).toHaveLength(few.statements.length);
    for (const table of ['bookings', 'occurrences', 'users', 'centers', 'resources']) {
      // occurrences: the events' own sessions (none here) and the bookings' live sessions.
      expect(reads(many.statements, table).length).toBeLessThanOrEqual(
        table === 'occurrences' ? 2 : 1,
      );
    }
    expect(smtp.messages).toHaveLength(14); // and each confirmation went out
    // Rendered off the event loop: one batch per round in the render worker thread.
    expect(t.app.get(MessageRenderer).workerBatches).toBe(2);
  });
});
