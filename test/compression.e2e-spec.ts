import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { webAssets } from '../src/web/shared/assets';
import { startTestApp, TestApp } from './support/test-app';
import { createResource, createWorld, World } from './support/world';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as sent on the wire (not decompressed). */
  body: Buffer;
}

/** A GET over plain node:http, which (unlike fetch) leaves the body as the server sent it. */
function rawGet(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Responses go out compressed (brotli or gzip, as the client asks; src/app.setup.ts) and
 * decompress to exactly what an uncompressed request gets: pages, the stylesheet and script,
 * JSON, CSV and SVG. Small bodies and clients asking for no encoding get the bytes as they are.
 */
describe('compressed responses', () => {
  let t: TestApp;
  let w: World;
  let resourceId: string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T08:00:00+05:00' });
    w = await createWorld(t);
    resourceId = (await createResource(t, w.coordinator.token, w.centerId, { kind: 'desk' })).id;
  });

  afterAll(() => t.close());

  const cases = (): Array<{ what: string; path: string; type: RegExp; token?: string }> => [
    // A signed-in page (its form tokens are the session's, the same on every request).
    {
      what: 'a page',
      path: `/admin/center?center=${w.centerId}`,
      type: /^text\/html/,
      token: w.coordinator.token,
    },
    { what: 'the stylesheet', path: webAssets().stylesheet.url, type: /^text\/css/ },
    { what: 'the script', path: webAssets().script.url, type: /^text\/javascript/ },
    { what: 'JSON', path: '/api/docs-json', type: /^application\/json/ },
    {
      what: 'CSV',
      path: `/api/v1/reports/utilization?centerId=${w.centerId}&from=2026-01-01&to=2026-12-31&groupBy=day&format=csv`,
      type: /^text\/csv/,
      token: w.coordinator.token,
    },
    {
      what: 'SVG',
      path: `/api/v1/resources/${resourceId}/qr`,
      type: /^image\/svg\+xml/,
      token: w.coordinator.token,
    },
  ];

  it('serves brotli and gzip that decompress to the same body, for every kind of text', async () => {
    for (const { what, path, type, token } of cases()) {
      const auth: Record<string, string> = token
        ? { authorization: `Bearer ${token}`, cookie: `makon_session=${token}` }
        : {};
      const plain = await rawGet(t.baseUrl, path, { ...auth, 'accept-encoding': 'identity' });
      expect([what, plain.status]).toEqual([what, 200]);
      expect(String(plain.headers['content-type'])).toMatch(type);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);

      const br = await rawGet(t.baseUrl, path, { ...auth, 'accept-encoding': 'gzip, br' });
      expect([what, br.headers['content-encoding']]).toEqual([what, 'br']);
      expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
      expect(br.body.length).toBeLessThan(plain.body.length);
      expect(brotliDecompressSync(br.body).toString('utf8')).toBe(plain.body.toString('utf8'));

      const gzip = await rawGet(t.baseUrl, path, { ...auth, 'accept-encoding': 'gzip' });
      expect([what, gzip.headers['content-encoding']]).toEqual([what, 'gzip']);
      expect(gzip.body.length).toBeLessThan(plain.body.length);
      expect(gunzipSync(gzip.body).toString('utf8')).toBe(plain.body.toString('utf8'));
    }
  });

  it('keeps the assets’ year-long cache, and sends small bodies as they are', async () => {
    const css = await rawGet(t.baseUrl, webAssets().stylesheet.url, { 'accept-encoding': 'br' });
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.headers['content-encoding']).toBe('br');
    const health = await rawGet(t.baseUrl, '/api/v1/health', { 'accept-encoding': 'br, gzip' });
    expect(health.status).toBe(200);
    expect(health.body.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString('utf8'))).toBeTruthy();
  });
});
