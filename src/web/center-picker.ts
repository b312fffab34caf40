import { CenterEntity } from '../centers/center.entity';
import { html, Html } from './html';
import { WebContext } from './web-context';

/** A GET form that switches the page to another center; nothing when there is only one. */
export function centerPicker(
  ctx: WebContext,
  action: string,
  offered: CenterEntity[],
  current: CenterEntity,
  extra: Html = html``,
): Html {
  if (offered.length < 2)
    return html`<p class="hint">${ctx.t('center.label')}: ${current.name}</p>`;
  return html`<form method="get" action="${action}" class="row no-print">
<div class="field"><label for="center-pick">${ctx.t('center.label')}</label>
<select id="center-pick" name="center">${offered.map(
    (c) =>
      html`<option value="${c.id}"${c.id === current.id ? html` selected` : ''}>${c.name}</option>`,
  )}</select></div>${extra}
<button type="submit" class="secondary">${ctx.t('center.choose')}</button></form>`;
}
