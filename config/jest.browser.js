/**
 * `npm run test:browser`: the browser specs (browser-specs.js), in headless Chromium. `npm test`
 * leaves them out, so that it stays the quick suite of the edit loop (97 s on 2 quiet cores;
 * the browser specs take 139 s more there). `npm run check`, and so CI, runs
 * both.
 */
const base = require('../jest.config');

module.exports = {
  ...base,
  rootDir: '..',
  // The same files as browser-specs.js's pattern.
  testMatch: ['<rootDir>/test/browser-*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};
