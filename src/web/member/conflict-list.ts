import { ExplainedConflict } from './conflict-reasons';
import { html, Html } from '../shared/html';
import { formatRange } from '../shared/format';
import { WebContext } from '../shared/web-context';

/** The clashing dates of a booking, each with its time, the resource and why, as a table. */
export function conflictTable(
  ctx: WebContext,
  conflicts: ExplainedConflict[],
  zone: string,
  resourceNames: Map<string, string>,
): Html {
  // A date can clash on several resources (the room and its projector): count dates, not rows.
  const dates = new Set(conflicts.map((c) => c.start)).size;
  // On a phone the table scrolls sideways: a keyboard reaches it, a screen reader names it.
  return html`<div class="table-wrap" tabindex="0" role="group" aria-labelledby="clashes-caption"><table class="clashes">
<caption id="clashes-caption">${ctx.t('book.clashes', { count: dates })}</caption>
<thead><tr><th scope="col">${ctx.t('book.date')}</th><th scope="col">${ctx.t('book.resource')}</th><th scope="col">${ctx.t('book.reason')}</th></tr></thead>
<tbody>${conflicts.map(
    (
      c,
    ) => html`<tr><td>${formatRange(Date.parse(c.start), Date.parse(c.end), zone, ctx.locale)}</td>
<td>${resourceNames.get(c.resourceId) ?? c.resourceId}</td>
<td><span class="badge state-no_show"><span class="icon" aria-hidden="true">✗</span>${c.why}</span></td></tr>`,
  )}</tbody></table></div>`;
}
