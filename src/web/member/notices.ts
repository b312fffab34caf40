import { DomainError } from '../../common/domain-error';
import { html, Html } from '../shared/html';
import { MESSAGES, MessageKey } from '../i18n';
import { WebContext } from '../shared/web-context';
import { Redirect, safeNextPath } from '../shared/web-result';

function known(key: string): key is MessageKey {
  return key in MESSAGES.en;
}

/** The message for `?done=…` or `?error=…`, as a status or alert region; nothing otherwise. */
export function notices(ctx: WebContext, query: { done?: unknown; error?: unknown }): Html {
  const done = `done.${typeof query.done === 'string' ? query.done : ''}`;
  const error = `code.${typeof query.error === 'string' ? query.error : ''}`;
  return html`${query.done !== undefined && known(done) && html`<p class="success" role="status">${ctx.t(done)}</p>`}
${query.error !== undefined && html`<p class="error" role="alert">${ctx.t(known(error) ? error : 'code.OTHER')}</p>`}`;
}

function withParam(path: string, name: string, value: string): string {
  const [base, hash] = path.split('#');
  const cleaned = base
    .replace(/([?&])(done|error)=[^&]*/g, '$1')
    .replace(/[?&]+$/, '')
    .replace(/\?&+/, '?');
  return `${cleaned}${cleaned.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}${hash ? `#${hash}` : ''}`;
}

/**
 * Runs a page action and goes back to where it was asked (`next`, on this site) with `done` or,
 * when the service refuses, `error=<code>`; anything but a domain refusal propagates.
 */
export async function actThenReturn(
  next: unknown,
  fallback: string,
  done: string,
  action: () => Promise<unknown>,
): Promise<Redirect> {
  const back = safeNextPath(next, fallback);
  try {
    await action();
  } catch (error) {
    if (!(error instanceof DomainError) || error.status >= 500) throw error;
    return new Redirect(withParam(back, 'error', error.code));
  }
  return new Redirect(withParam(back, 'done', done));
}
