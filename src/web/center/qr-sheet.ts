import { CenterView } from '../../centers';
import { isLoopbackUrl } from '../../common/public-url';
import { ResourceView } from '../../resources';
import { LOCALES, MESSAGES } from '../i18n';
import { html, Html } from '../shared/html';
import { renderPage } from '../shared/layout';
import { WebContext } from '../shared/web-context';

export interface QrItem {
  resource: ResourceView;
  svg: string;
}

/**
 * The printable sheet of QR cards. A card is read by whoever sits at the desk, whatever the
 * language of the coordinator who printed it: it names the resource and the center and says
 * "scan to check in" in all three languages. When the codes point to an address phones cannot
 * open (a loopback PUBLIC_URL), the sheet says so before anyone prints it.
 */
export function qrSheetPage(ctx: WebContext, center: CenterView, items: QrItem[]): Html {
  const q = `?center=${encodeURIComponent(center.id)}`;
  const codeUrl = items[0]?.resource.checkInUrl;
  const unreachable = codeUrl !== undefined && codeUrl !== null && isLoopbackUrl(codeUrl);
  return renderPage(ctx, {
    title: `${ctx.t('center.qrTitle')}: ${center.name}`,
    active: 'center',
    main: html`<p class="no-print"><a href="/admin/center${q}">${ctx.t('center.backToSetup')}</a></p>
      ${
        unreachable &&
        html`<p class="notice warning no-print">${ctx.t('scan.loopbackWarning', {
          url: new URL(codeUrl).origin,
        })}</p>`
      }
      <p class="no-print">${ctx.t('center.qrIntro')}</p>
      ${
        items.length === 0
          ? html`<p>${ctx.t('center.noQr')}</p>`
          : html`<ul class="qr-sheet">
            ${items.map(
              (item) => html`<li class="qr-card">
                <h2>${item.resource.name}</h2>
                <p class="qr-center">${center.name}</p>
                ${labelledSvg(item.svg, ctx.t('center.qrFor', { name: item.resource.name }))}
                <ul class="qr-caption">
                  ${LOCALES.map(
                    (locale) => html`<li lang="${locale}">${MESSAGES[locale]['scan.card']}</li>`,
                  )}
                </ul>
                <p class="qr-url">${item.resource.checkInUrl ?? ''}</p>
              </li>`,
            )}
          </ul>`
      }`,
  });
}

/** The QR code's SVG as an image with a name (the library's SVG has none). */
function labelledSvg(svg: string, label: string): Html {
  const escaped = html`${label}`.value;
  const open = svg.indexOf('<svg');
  const body = open >= 0 ? svg.slice(open) : svg;
  return new Html(
    body.replace('<svg', `<svg role="img" aria-label="${escaped}" focusable="false" class="qr"`),
  );
}
