import { WALK_IN_TITLE } from '../../bookings';
import { formatRange } from './format';
import { WebContext } from './web-context';

/**
 * What a page calls a booking, in a link or a heading: its title, else its place and time, so that
 * a booking without a title still has a name to click. A walk-in's stored title is the API's
 * English word; pages say it in the reader's language.
 */
export function bookingName(
  ctx: WebContext,
  booking: { title: string },
  place: { resourceName: string; start?: number; end?: number; zone: string },
): string {
  const title = booking.title.trim();
  if (title === WALK_IN_TITLE) return ctx.t('bookings.walkIn');
  if (title) return title;
  const when =
    place.start !== undefined && place.end !== undefined
      ? formatRange(place.start, place.end, place.zone, ctx.locale)
      : '';
  return [place.resourceName, when].filter(Boolean).join(', ') || ctx.t('bookings.untitled');
}
