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

/** Any site: a path is checked against the origin it resolves to, whatever the real host is. */
const PROBE_BASE = 'http://makon.invalid';

/**
 * A `next` address from a form or query, kept only when it is a path on this site: visible ASCII
 * (0x21–0x7E: no control character, space or anything a `Location` header would refuse), one
 * leading `/`, no backslash (browsers read it as `/`) and no `//` anywhere (`//host` is another
 * site), and it must resolve to this site's origin. Anything else gives `fallback`.
 */
export function safeNextPath(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || !/^\/[\x21-\x7e]*$/.test(next)) return fallback;
  if (next.includes('//') || next.includes('\\')) return fallback;
  try {
    return new URL(next, PROBE_BASE).origin === PROBE_BASE ? next : fallback;
  } catch {
    return fallback;
  }
}
