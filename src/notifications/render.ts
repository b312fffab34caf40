import ical from 'ical-generator';
import { DateTime } from 'luxon';
import type { ClosureNames } from '../centers';
import type { Locale } from '../identity';
import type { SkippedSession } from '../outbox';
import type { NotificationEvent } from '../outbox';
import { MESSAGE_TEXTS } from './texts';

/** What one event says, gathered from the database once (compose.ts); the same for every reader. */
export interface MessageFacts {
  event: NotificationEvent;
  bookingId: string | null;
  /** The booking's title, or the resource's name when it has none. */
  what: string;
  resource: string;
  center: string;
  /** The center's time zone: every time in a message is the center's local time. */
  zone: string;
  owner: string;
  sessions: Array<{ start: number; end: number }>;
  skipped: SkippedSession[];
  reason: string | null;
  closure: string | null;
  closureNames: ClosureNames | null;
  /** A confirmed booking: an .ics file with its sessions goes with the email. */
  calendar: boolean;
  createdAt: number;
}

/** One event as one person reads it: in their language, with a link for them. */
export interface RenderedMessage {
  title: string;
  text: string;
  html: string;
  link: string;
  ics: string | null;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** `Tue, 01.12.2026 10:00–12:00` in the center's zone (the end's date too if it differs). */
export function sessionLine(
  session: { start: number; end: number },
  zone: string,
  locale: Locale,
): string {
  const start = DateTime.fromMillis(session.start, { zone });
  const end = DateTime.fromMillis(session.end, { zone });
  const weekday = MESSAGE_TEXTS[locale].weekdays[start.weekday - 1];
  const endText = end.hasSame(start, 'day')
    ? end.toFormat('HH:mm')
    : end.toFormat('dd.MM.yyyy HH:mm');
  return `${weekday}, ${start.toFormat('dd.MM.yyyy HH:mm')}–${endText}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function renderMessage(facts: MessageFacts, locale: Locale, link: string): RenderedMessage {
  const texts = MESSAGE_TEXTS[locale];
  const first = facts.sessions[0];
  const values = {
    what: facts.what,
    resource: facts.resource,
    center: facts.center,
    owner: facts.owner,
    time: first ? DateTime.fromMillis(first.start, { zone: facts.zone }).toFormat('HH:mm') : '',
  };
  const title = fill(texts.events[facts.event].title, values);
  const intro = fill(texts.events[facts.event].intro, values);
  const sessions = facts.sessions.map((s) => sessionLine(s, facts.zone, locale));
  const skipped = facts.skipped.map(
    (s) => `${sessionLine(s, facts.zone, locale)}: ${texts.reasons[s.reason] ?? s.reason}`,
  );
  const extra: string[] = [];
  if (facts.reason) extra.push(`${texts.reason}: ${facts.reason}`);
  if (facts.closure) {
    extra.push(`${texts.closure}: ${facts.closureNames?.[locale] ?? facts.closure}`);
  }

  const text = [
    intro,
    ...extra,
    '',
    ...(sessions.length > 0 ? [`${texts.sessions}:`, ...sessions.map((s) => `- ${s}`), ''] : []),
    ...(skipped.length > 0 ? [`${texts.skipped}:`, ...skipped.map((s) => `- ${s}`), ''] : []),
    `${texts.open}: ${link}`,
    '',
    texts.footer,
  ].join('\n');

  const list = (heading: string, items: string[]) =>
    items.length === 0
      ? ''
      : `<h2>${escapeHtml(heading)}</h2><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(title)}</title></head><body>` +
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(intro)}</p>` +
    extra.map((e) => `<p>${escapeHtml(e)}</p>`).join('') +
    list(texts.sessions, sessions) +
    list(texts.skipped, skipped) +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(texts.open)}</a></p>` +
    `<p><small>${escapeHtml(texts.footer)}</small></p></body></html>`;

  return { title, text, html, link, ics: facts.calendar ? calendarFile(facts, link) : null };
}

/** The booking's sessions as an iCalendar file (UTC times; calendars show them locally). */
function calendarFile(facts: MessageFacts, link: string): string {
  const calendar = ical({ name: facts.what });
  facts.sessions.forEach((session, index) => {
    calendar.createEvent({
      id: `${facts.bookingId}-${index}@makon`,
      start: new Date(session.start),
      end: new Date(session.end),
      stamp: new Date(facts.createdAt),
      summary: facts.what,
      location: `${facts.resource}, ${facts.center}`,
      url: link,
    });
  });
  return calendar.toString();
}
