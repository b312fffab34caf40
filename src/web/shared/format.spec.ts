import { formatDate, formatShortDate, formatTime } from './format';

describe('dates on the pages', () => {
  // Tuesday 1 December 2026, 10:00 in Tashkent (+05:00).
  const at = Date.parse('2026-12-01T05:00:00Z');
  const zone = 'Asia/Tashkent';

  it('names the month as it is written inside a date (Russian: the genitive)', () => {
    expect(formatDate(at, zone, 'ru')).toBe('вторник 1 декабря 2026');
    // Uzbek writes the day with its suffix, then the year, then the weekday.
    expect(formatDate(at, zone, 'uz')).toBe('1-dekabr, 2026-yil, seshanba');
    expect(formatShortDate(at, zone, 'uz')).toBe('Sesh, 1-dek');
    expect(formatDate(at, zone, 'en')).toBe('Tuesday 1 December 2026');
    expect(formatShortDate(at, zone, 'ru')).toBe('вт 1 дек.');
  });

  it('shows the center’s local time, not the server’s', () => {
    expect(formatTime(at, zone)).toBe('10:00');
    expect(formatDate(Date.parse('2026-11-30T20:00:00Z'), zone, 'en')).toBe(
      'Tuesday 1 December 2026',
    );
  });
});
