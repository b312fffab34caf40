/**
 * Jest's `setupFiles` (jest.config.js): the environment every spec file starts with.
 *
 * PASSWORD_HASH_COST=2 makes scrypt cheap: every test app hashes its admin's password at start-up
 * and every login verifies one, which at the production cost (16384, about 50 ms of a core each)
 * was most of the suite's time. Hashes carry their cost, so nothing else changes; a run can still
 * ask for another cost (`PASSWORD_HASH_COST=16384 npx jest …`). The server processes the tests
 * start (test/support/instances.ts) get the same setting.
 */
process.env.PASSWORD_HASH_COST ||= '2';
