import { html, Html } from './html';
import { WebContext } from './web-context';

export interface CenterOption {
  id: string;
  name: string;
}

/** An extra first choice of the select, such as "all centers" for network reports. */
export interface NetworkOption {
  value: string;
  label: string;
}

/**
 * The `center` field of a GET form: a labelled select when there is a choice, otherwise the one
 * center as a hidden input, so the form keeps the page on it.
 */
export function centerField(
  ctx: WebContext,
  centers: CenterOption[],
  currentId: string,
  options: { id?: string; network?: NetworkOption } = {},
): Html {
  const { id = 'center', network } = options;
  if (centers.length < 2 && !network) {
    return html`<input type="hidden" name="center" value="${currentId}">`;
  }
  const option = (value: string, label: string) =>
    html`<option value="${value}"${value === currentId ? html` selected` : ''}>${label}</option>`;
  return html`<div class="field"><label for="${id}">${ctx.t('center.label')}</label>
<select id="${id}" name="center">${network && option(network.value, network.label)}${centers.map(
    (c) => option(c.id, c.name),
  )}</select></div>`;
}

/**
 * A GET form that switches the page to another center. With a single center and no network
 * choice there is nothing to pick: the center's name as a hint (`single: 'hint'`) or nothing.
 */
export function centerPicker(
  ctx: WebContext,
  action: string,
  centers: CenterOption[],
  currentId: string,
  options: { extra?: Html; network?: NetworkOption; single?: 'hint' | 'nothing' } = {},
): Html {
  if (centers.length < 2 && !options.network) {
    const current = centers.find((c) => c.id === currentId);
    return options.single === 'hint' && current
      ? html`<p class="hint">${ctx.t('center.label')}: ${current.name}</p>`
      : html``;
  }
  return html`<form method="get" action="${action}" class="row picker no-print">
${centerField(ctx, centers, currentId, { id: 'center-pick', network: options.network })}${options.extra ?? ''}
<div><button type="submit" class="secondary">${ctx.t('center.choose')}</button></div></form>`;
}
