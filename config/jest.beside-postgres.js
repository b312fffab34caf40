/**
 * `npm run test:beside-pg`: what `npm run test:pg` leaves out but the browser specs, so that the
 * two together are `npm test` (which leaves the browser specs to `npm run test:browser`): the
 * unit specs (no database) and the SQLite-only e2e specs (sqlite-only-specs.js). CI runs both under
 * TZ=America/New_York (.ci/run says why).
 */
const base = require('../jest.config');
const sqliteOnly = require('./sqlite-only-specs');

module.exports = {
  ...base,
  rootDir: '..',
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    ...sqliteOnly.map((name) => `<rootDir>/test/${name}.e2e-spec.ts`),
  ],
};
