import { WriteTransactions } from '../database';
import { DEFAULT_REMINDER_MINUTES, REMINDER_MINUTES } from './notification.entity';
import { outbox } from '../outbox';
import { query } from './sql';

const MINUTE_MS = 60_000;
/** The longest reminder time a person may choose: sessions further ahead need none yet. */
const LONGEST_MS = Math.max(...REMINDER_MINUTES) * MINUTE_MS;

/**
 * Enqueues the reminders that are due at `now`. Nothing is stored per session when it is booked:
 * a reminder follows from the session as it stands (booked, its booking confirmed, its start) and
 * its owner's `reminderMinutes`, so moving, cancelling or releasing a session moves or drops its
 * reminder. One per session and start (`dedupeKey`); none for a session whose reminder time had
 * already begun when it was booked, nor once the session has started.
 */
export async function enqueueDueReminders(writes: WriteTransactions, now: number): Promise<number> {
  const outcome = await writes.runJobOnce('session-reminders', {}, async ({ manager }) => {
    const rows = await query<{
      id: string;
      booking_id: string;
      owner_id: string;
      start_ms: number;
      created_at: number;
      minutes: number | null;
    }>(
      manager,
      `SELECT o.id, o.booking_id, o.owner_id, o.start_ms, b.created_at,
              s.reminder_minutes AS minutes
         FROM occurrences o
         JOIN bookings b ON b.id = o.booking_id
         LEFT JOIN notification_settings s ON s.user_id = o.owner_id
        WHERE o.status = 'booked' AND o.booking_status = 'confirmed'
          AND o.start_ms > ? AND o.start_ms <= ?`,
      [now, now + LONGEST_MS],
    );
    let enqueued = 0;
    for (const row of rows) {
      const minutes = row.minutes === null ? DEFAULT_REMINDER_MINUTES : Number(row.minutes);
      const startMs = Number(row.start_ms);
      const remindAt = startMs - minutes * MINUTE_MS;
      if (minutes === 0 || remindAt > now || remindAt < Number(row.created_at)) continue;
      await outbox.enqueue(
        manager,
        {
          event: 'session_reminder',
          bookingId: row.booking_id,
          occurrenceId: row.id,
          recipientId: row.owner_id,
          data: { startMs },
          dedupeKey: `reminder:${row.id}:${startMs}`,
        },
        now,
      );
      enqueued++;
    }
    return enqueued;
  });
  return outcome.ran ? outcome.result : 0;
}
