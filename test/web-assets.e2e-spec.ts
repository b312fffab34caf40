import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, startTestApp, TestApp } from './support/test-app';
import { WebClient } from './support/web-client';

const WEB = join(__dirname, '..', 'src', 'web');
const read = (part: string): string => readFileSync(join(WEB, part), 'utf8');

/**
 * The pages' stylesheet and script: the real files under src/web, served under a name with the
 * hash of their content and kept by browsers for a year; any other name is not found.
 */
describe('the pages’ assets', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(() => t.close());

  /** The stylesheet and script a page links. */
  function linked(page: string): { css: string; js: string } {
    const css = [...page.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
    const js = [...page.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(css).toHaveLength(1);
    expect(js).toHaveLength(1);
    return { css: css[0], js: js[0] };
  }

  it('links one stylesheet and one script by the hash of their content, on every page', async () => {
    const login = await new WebClient(t.baseUrl).get('/login');
    const { css, js } = linked(login.text);
    expect(css).toMatch(/^\/assets\/app\.[0-9a-f]{10}\.css$/);
    expect(js).toMatch(/^\/assets\/app\.[0-9a-f]{10}\.js$/);
    // A signed-in page and an error page link the same.
    const admin = await WebClient.signedIn(t.baseUrl, ADMIN.email, ADMIN.password);
    expect(linked((await admin.get('/admin/people')).text)).toEqual({ css, js });
    expect(linked((await admin.get('/no-such-page')).text)).toEqual({ css, js });

    for (const [url, type] of [
      [css, 'text/css; charset=utf-8'],
      [js, 'text/javascript; charset=utf-8'],
    ]) {
      const response = await fetch(`${t.baseUrl}${url}`);
      const body = await response.text();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
      expect(url).toContain(`.${hash}.`);
    }
  });

  it('gives every page its icon, so no browser asks for /favicon.ico and logs a 404', async () => {
    const login = (await new WebClient(t.baseUrl).get('/login')).text;
    const icons = [...login.matchAll(/<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/g)];
    expect(icons).toHaveLength(1);
    const url = icons[0][1];
    expect(url).toMatch(/^\/assets\/icon\.[0-9a-f]{10}\.svg$/);
    const response = await fetch(`${t.baseUrl}${url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe(read('shared/icon.svg'));
  });

  it('serves the files of src/web, joined in the order of the cascade', async () => {
    const { css, js } = linked((await new WebClient(t.baseUrl).get('/login')).text);
    const stylesheet = await (await fetch(`${t.baseUrl}${css}`)).text();
    const parts = [
      'shared/base.css',
      'shared/forms.css',
      'today/today.css',
      'center/center.css',
      'reports/reports.css',
      'people/people.css',
      'notifications/notifications.css',
    ];
    expect(stylesheet).toBe(parts.map(read).join('\n'));
    const script = await (await fetch(`${t.baseUrl}${js}`)).text();
    expect(script).toBe(['shared/app.js', 'today/today.js'].map(read).join('\n'));
    expect(script).toContain('makonTodayRefresh');
  });

  it('answers any other name as not found, never cached for long', async () => {
    const { css, js } = linked((await new WebClient(t.baseUrl).get('/login')).text);
    const stale = css.replace(/\.[0-9a-f]{10}\./, '.0123456789.');
    for (const path of [
      '/assets/app.css',
      '/assets/app.js',
      stale,
      js.replace(/\.js$/, '.css'),
      `${css}x`,
      '/assets/base.css',
      '/assets/shared%2Fbase.css',
      '/assets/..%2F..%2Fpackage.json',
    ]) {
      const response = await fetch(`${t.baseUrl}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-type')).toContain('text/html');
    }
  });

  it('keeps scripts to this site: the page has no inline script and the CSP says self', async () => {
    const response = await fetch(`${t.baseUrl}/login`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });
});
