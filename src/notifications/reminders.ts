import { WriteTransactions } from '../database';
import { DEFAULT_REMINDER_MINUTES, REMINDER_MINUTES } from './notification.entity';
import { OutboxRepository } from '../outbox';
import { NotificationsRepository } from './notifications.repository';

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
export async function enqueueDueReminders(
  repositories: { notifications: NotificationsRepository; outbox: OutboxRepository },
  writes: WriteTransactions,
  now: number,
): Promise<number> {
  const outcome = await writes.runJobOnce('session-reminders', {}, async ({ manager }) => {
    const rows = await repositories.notifications.reminderCandidates(
      manager,
      now,
      now + LONGEST_MS,
    );
    let enqueued = 0;
    for (const row of rows) {
      const minutes = row.minutes === null ? DEFAULT_REMINDER_MINUTES : Number(row.minutes);
      const startMs = Number(row.start_ms);
      const remindAt = startMs - minutes * MINUTE_MS;
      if (minutes === 0 || remindAt > now || remindAt < Number(row.created_at)) continue;
      await repositories.outbox.enqueue(
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
