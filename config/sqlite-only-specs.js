/**
 * The e2e specs that never touch the test database whatever MAKON_TEST_DATABASE_URL says: on
 * PostgreSQL they would only repeat the SQLite run, so `npm run test:pg` leaves them out and
 * `npm run test:beside-pg` runs them (config/jest.postgres.js, config/jest.beside-postgres.js).
 * A spec added here must be one of that kind. (browser-smoke, which starts its own server on a
 * SQLite file, is a browser spec: config/browser-specs.js.)
 */
module.exports = [
  // Start their own server process on a SQLite file.
  'fuzz-process',
  'process-survives',
  // Reads SQLite's query plans.
  'query-plans',
  // Tests the test clock alone.
  'test-clock',
  // Lists the spec files of each test command.
  'suite-split',
];
