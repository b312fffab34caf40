/**
 * The browser specs (`test/browser-*.e2e-spec.ts`, Chromium): `npm run test:browser`
 * (jest.browser.js). `npm test` leaves them out, so that it stays quick (97 s on 2 quiet cores,
 * where these take 139 s more); `npm run check`, and so CI, runs both. CI runs them once, and
 * leaves them out of its second run under TZ=America/New_York (`npm run test:pg` and
 * `npm run test:beside-pg`).
 *
 * What they check is what the browser shows and how it behaves: layout at 360 px, axe-core,
 * the keyboard, page scripts. The zone can reach that only through the page's HTML, which the
 * HTTP specs check in both zones and on PostgreSQL, or through the browser's own zone, which the
 * browser specs pin to America/New_York in every run (BROWSER_ZONE, test/support/browser.ts).
 * Running them again cost about a third of CI (over 700 s of a worker on 2 cores).
 */
module.exports = '/test/browser-[^/]*\\.e2e-spec\\.ts$';
