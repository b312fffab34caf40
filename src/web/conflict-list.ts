import { ConflictView } from '../bookings/bookings.dto';
import { html, Html } from './html';
import { MessageKey } from './i18n';
import { formatRange } from './format';
import { WebContext } from './web-context';

/** The clashing dates of a booking, each with its time, the resource and why, as a table. */
export function conflictTable(
  ctx: WebContext,
  conflicts: ConflictView[],
  zone: string,
  resourceNames: Map<string, string>,
): Html {
  return html`<div class="table-wrap"><table>
<caption>${ctx.t('book.clashes', { count: conflicts.length })}</caption>
<thead><tr><th scope="col">${ctx.t('book.date')}</th><th scope="col">${ctx.t('book.resource')}</th><th scope="col">${ctx.t('error.title')}</th></tr></thead>
<tbody>${conflicts.map(
    (
      c,
    ) => html`<tr><td>${formatRange(Date.parse(c.start), Date.parse(c.end), zone, ctx.locale)}</td>
<td>${resourceNames.get(c.resourceId) ?? c.resourceId}</td>
<td><span class="badge state-no_show"><span class="icon" aria-hidden="true">✗</span>${ctx.t(
      `book.clashReason.${c.reason}` as MessageKey,
      { available: c.available ?? 0 },
    )}</span></td></tr>`,
  )}</tbody></table></div>`;
}
