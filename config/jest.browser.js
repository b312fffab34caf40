/**
 * `npm run test:browser`: the browser specs, in headless Chromium; browser-specs.js says why
 * `npm test` leaves them out and where CI runs them.
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
