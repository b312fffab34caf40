/**
 * Jest's `testSequencer` (jest.config.js): the longest spec files start first, so that the two
 * workers of a 2-core machine finish together instead of one of them starting a multi-minute
 * browser spec when everything else is done.
 *
 * Jest's own order is: the files that failed last time, then by the duration of the last run
 * (kept in its cache directory), then, for files it has never timed (a fresh CI checkout), by
 * file size. The browser and fuzz specs are short files that run for minutes, so on a fresh
 * checkout jest started them last. This keeps jest's order and moves the files below to the
 * front, longest first (seconds of a quiet 2-core run; only the order matters). A new spec that
 * runs for more than ~20 seconds belongs in this list.
 */
const { default: Sequencer } = require('@jest/test-sequencer');
const { basename } = require('node:path');

const SLOW_SPECS = [
  'browser-pages.e2e-spec.ts',
  'browser-smoke.e2e-spec.ts',
  'fuzz-process.e2e-spec.ts',
  'web-fuzz.e2e-spec.ts',
  'browser-notifications.e2e-spec.ts',
  'api-fuzz.e2e-spec.ts',
  'browser-scan.e2e-spec.ts',
  'browser-member.e2e-spec.ts',
  'bad-input.e2e-spec.ts',
  'browser-booking.e2e-spec.ts',
  'browser-clash-and-errors.e2e-spec.ts',
  'browser-coordinator.e2e-spec.ts',
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
