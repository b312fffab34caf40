/**
 * `npm run test:browser`: the browser specs (browser-specs.js), in headless Chromium. `npm test`
 * leaves them out, so that it stays the quick suite of the edit loop (97 s on 2 quiet cores;
 * the browser specs take 139 s more there). `npm run check`, and so CI, runs
 * both.
 */
const base = require('../jest.config');
const browserSpecs = require('./browser-specs');

module.exports = {
  ...base,
  rootDir: '..',
  // The files of browser-specs.js's pattern, which `npm test` ignores (jest takes a pattern or
  // globs, not both).
  testMatch: undefined,
  testRegex: browserSpecs,
  testPathIgnorePatterns: ['/node_modules/'],
};
