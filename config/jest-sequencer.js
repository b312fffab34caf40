/**
 * Jest's `testSequencer` (jest.config.js): the longest spec files start first, so that the two
 * workers of a 2-core machine finish together instead of one of them starting a multi-minute
 * browser spec when everything else is done.
 *
 * Jest's own order is: the files that failed last time, then by the duration of the last run
 * (kept in its cache directory), then, for files it has never timed (a fresh CI checkout), by
 * file size. The browser and fuzz specs are short files that run for minutes, so on a fresh
 * checkout jest started them last. This keeps jest's order and moves the files below to the
 * front, in the order below (only the order matters). A new spec that runs for more than ~20
 * seconds belongs in this list.
 */
const { default: Sequencer } = require('@jest/test-sequencer');
const { basename } = require('node:path');

const SLOW_SPECS = [
  // The fuzzers first, two at a time and never beside a Chromium walk: they fail an answer
  // slower than 2 s, and browser-pages' four tabs take both cores (on PostgreSQL, where
  // browser-smoke does not run, web-fuzz once started beside browser-pages and a page answered
  // in over 2 s). fuzz-process only asserts that its server survives.
  'web-fuzz.e2e-spec.ts',
  'api-fuzz.e2e-spec.ts',
  'fuzz-process.e2e-spec.ts',
  'bad-input.e2e-spec.ts',
  'browser-pages.e2e-spec.ts',
  'browser-smoke.e2e-spec.ts',
  'browser-notifications.e2e-spec.ts',
  'browser-reports.e2e-spec.ts',
  'browser-scan.e2e-spec.ts',
  'browser-clash-and-errors.e2e-spec.ts',
  'browser-coordinator.e2e-spec.ts',
  'browser-member.e2e-spec.ts',
  'browser-booking.e2e-spec.ts',
];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const rank = (test) => {
      const index = SLOW_SPECS.indexOf(basename(test.path));
      return index === -1 ? SLOW_SPECS.length : index;
    };
    // Array.prototype.sort is stable: the rest keep jest's order.
    return [...ordered].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
