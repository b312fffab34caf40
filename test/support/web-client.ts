import { assertNoPasswordHash } from './test-app';

export interface WebResponse {
  status: number;
  text: string;
  location: string | null;
}

/**
 * A browser without a browser: keeps cookies, reads the CSRF token of the last page, posts forms
 * as `application/x-www-form-urlencoded`, and does not follow redirects (tests assert them).
 */
export class WebClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | undefined;
  /** The session cookie the page with that token was fetched with (tokens are bound to it). */
  private csrfSession: string | undefined;
  /** The raw Set-Cookie lines of the last response, to check their attributes. */
  lastSetCookies: string[] = [];

  constructor(private readonly baseUrl: string) {}

  /** Signs in through the login form; with a token from the API, sets it as the session instead. */
  static async signedIn(baseUrl: string, email: string, password: string): Promise<WebClient> {
    const client = new WebClient(baseUrl);
    await client.get('/login');
    const response = await client.post('/login', { email, password });
    if (response.status !== 303) throw new Error(`web login ${email}: ${response.status}`);
    return client;
  }

  /** A client whose session cookie is an API token (the same signed token the login form sets). */
  static withToken(baseUrl: string, token: string | undefined): WebClient {
    const client = new WebClient(baseUrl);
    if (token) client.cookies.set('makon_session', token);
    return client;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Sets a cookie as another site could plant it (or a test needs it). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** The CSRF token of the last page fetched. */
  get lastCsrfToken(): string | undefined {
    return this.csrfToken;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<WebResponse> {
    return this.send('GET', path, undefined, headers);
  }

  /**
   * Posts a form with the CSRF token of the last page fetched under the current session cookie
   * (fetching a page for one first when there is none).
   */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: boolean } = {},
  ): Promise<WebResponse> {
    const body = new URLSearchParams();
    if (options.csrf !== false) {
      if (!this.csrfToken || this.csrfSession !== this.cookies.get('makon_session')) {
        await this.fetchCsrfToken();
      }
      body.append('_csrf', this.csrfToken!);
    }
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    }
    return this.send('POST', path, body.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  }

  /**
   * A page's token: signed in, from the start page (`/` sends each role to theirs), whose forms
   * carry the session's token; otherwise from the sign-in form.
   */
  private async fetchCsrfToken(): Promise<void> {
    if (!this.cookies.has('makon_session')) {
      await this.get('/login');
      return;
    }
    const start = await this.get('/');
    if (start.location) await this.get(start.location);
  }

  private async send(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<WebResponse> {
    const session = this.cookies.get('makon_session');
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      body,
      redirect: 'manual',
      headers: { ...headers, ...(cookie ? { cookie } : {}) },
    });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    assertNoPasswordHash(`${method} ${path}`, text);
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) {
      this.csrfToken = token[1];
      this.csrfSession = session;
    }
    return { status: response.status, text, location: response.headers.get('location') };
  }
}
