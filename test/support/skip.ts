import { basename } from 'node:path';

/**
 * Specs that need something this machine may lack (PostgreSQL, Chromium) declare their tests with
 * this instead of `describe`. When the spec can run it is `describe`; when it cannot, it is
 * `describe.skip`, chosen when the file loads: jest reports each of its tests as skipped (never as
 * passed), and one line on stdout names the file and why. Hooks of a skipped block do not run, so
 * nothing reaches for what is missing.
 */
export function describeWhen(
  missing: string | null,
  file: string,
  name: string,
  body: () => void,
): void {
  if (missing === null) {
    describe(name, body);
    return;
  }
  process.stdout.write(`${basename(file)}: skipped: ${missing}\n`);
  describe.skip(name, body);
}
