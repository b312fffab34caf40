import { Html } from './html';

/** A page with a status other than 200 (a form shown again with its errors, say). */
export class PageResponse {
  constructor(
    readonly status: number,
    readonly body: Html,
  ) {}
}

/** 303 See Other: after a form post, the browser loads this address with GET. */
export class Redirect {
  constructor(readonly location: string) {}
}

export type WebResult = Html | PageResponse | Redirect;

/** A `next` address from a form or query, kept only when it is a path on this site. */
export function safeNextPath(next: unknown, fallback: string): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : fallback;
}
