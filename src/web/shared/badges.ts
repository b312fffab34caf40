import { html, Html } from './html';
import { MessageKey } from '../i18n';
import { WebContext } from './web-context';

/** The state icons: shown beside the state's name, hidden from screen readers (the text says it). */
export const STATE_ICON: Record<string, string> = {
  free: '○',
  booked: '●',
  pending: '◐',
  checked_in: '✓',
  occupied: '✓',
  checked_out: '⇥',
  completed: '✓',
  no_show: '✗',
  released: '↺',
  cancelled: '⊘',
  closed: '⊘',
  confirmed: '●',
  rejected: '✗',
};

const STATE_KEY: Record<string, MessageKey> = {
  free: 'state.free',
  booked: 'state.booked',
  pending: 'status.pending',
  checked_in: 'state.checked_in',
  occupied: 'state.checked_in',
  checked_out: 'state.checked_out',
  completed: 'state.completed',
  no_show: 'state.no_show',
  released: 'state.released',
  cancelled: 'state.cancelled',
  closed: 'state.closed',
};

const STATUS_KEY: Record<string, MessageKey> = {
  pending: 'status.pending',
  confirmed: 'status.confirmed',
  rejected: 'status.rejected',
  cancelled: 'status.cancelled',
};

/** A session's state as a badge: icon, words and colour together. */
export function stateBadge(ctx: WebContext, state: string): Html {
  const key = STATE_KEY[state];
  const css = state === 'occupied' ? 'checked_in' : state;
  return html`<span class="badge state-${css}"
    ><span class="icon" aria-hidden="true">${STATE_ICON[state] ?? '•'}</span>${
      key ? ctx.t(key) : state
    }</span
  >`;
}

/** A booking's status as a badge. */
export function statusBadge(ctx: WebContext, status: string): Html {
  const key = STATUS_KEY[status];
  const css = status === 'confirmed' ? 'booked' : status;
  return html`<span class="badge state-${css}"
    ><span class="icon" aria-hidden="true">${STATE_ICON[status] ?? '•'}</span>${
      key ? ctx.t(key) : status
    }</span
  >`;
}
