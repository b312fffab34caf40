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
  // The longest spec files first, so that both workers finish together (see the file).
  testSequencer: '<rootDir>/config/jest-sequencer.js',
};
