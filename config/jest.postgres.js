/**
 * `npm run test:pg`: every e2e spec that runs its app on the test database, which the script's
 * MAKON_TEST_DATABASE_URL puts on PostgreSQL, less the SQLite-only ones (sqlite-only-specs.js)
 * and the browser specs (browser-specs.js).
 */
const base = require('../jest.config');
const browserSpecs = require('./browser-specs');
const sqliteOnly = require('./sqlite-only-specs');

module.exports = {
  ...base,
  rootDir: '..',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    browserSpecs,
    `/test/(${sqliteOnly.join('|')})\\.e2e-spec\\.ts$`,
  ],
};
