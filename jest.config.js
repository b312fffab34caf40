/** Loads NestJS 12 (ES modules) through swc; see ../shared/design/STACK.md. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  // The node environment; it also prints the test clocks' seeds when a test fails.
  testEnvironment: '<rootDir>/test/support/clock-environment.ts',
  // A cheap password hash for every spec file (PASSWORD_HASH_COST; see the file).
  setupFiles: ['<rootDir>/test/support/env.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  // The browser specs are `npm run test:browser` (config/jest.browser.js, browser-specs.js).
  testPathIgnorePatterns: ['/node_modules/', require('./config/browser-specs')],
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|content-disposition)/)'],
  testTimeout: 30000,
  // Both cores (jest's default leaves one for itself, which on 2 cores means one spec at a time):
  // a spec file's app and its HTTP client share one process, and the parent mostly waits.
  maxWorkers: '100%',
  // V8's compiled code of the modules kept from one spec file to the next (see the file).
  runtime: '<rootDir>/config/jest-runtime.js',
  // A worker is replaced once a spec file leaves its heap above this. Each e2e file's app stays
  // in the worker's heap (with the runtime above, about 25 MB a file even after a full
  // collection), which reached 1.4 GB by the end of `npm test`: a process that size took over
  // jest's 500 ms to exit ("a worker process has failed to exit gracefully"), and its collector
  // worked on a heap that size. Replaced at 512 MB: no such warning, and the suite about 15%
  // quicker (docs/development.md, "The test suite's memory").
  workerIdleMemoryLimit: '512MB',
  // The longest spec files first, so that both workers finish together (see the file).
  testSequencer: '<rootDir>/config/jest-sequencer.js',
};
