import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The test commands between them run every spec file: `npm test` all but the browser specs,
 * `npm run test:browser` exactly those, and CI's zone run (`test:pg` and `test:beside-pg`) all of
 * `npm test` once. A spec that matched none (a new name pattern) would never run anywhere.
 */
const ROOT = join(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- config/ is plain CommonJS
const BROWSER_SPECS = new RegExp(require('../config/browser-specs') as string);

function listed(config?: string): string[] {
  const args = ['jest', '--listTests', ...(config ? ['-c', config] : [])];
  const out = execFileSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .map((file) => relative(ROOT, file))
    .sort();
}

function specFiles(dir: string, suffix: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(suffix) && !name.includes('node_modules'))
    .map((name) => join(dir, name))
    .sort();
}

describe('the test commands', () => {
  it('run every spec file, the browser specs in test:browser only, the rest once in the zone run', () => {
    const all = [...specFiles('src', '.spec.ts'), ...specFiles('test', '.e2e-spec.ts')].sort();
    const quick = listed();
    const browser = listed('config/jest.browser.js');
    const zone = [
      ...listed('config/jest.postgres.js'),
      ...listed('config/jest.beside-postgres.js'),
    ].sort();

    expect(browser.length).toBeGreaterThan(0);
    expect(all.filter((file) => BROWSER_SPECS.test(`/${file}`))).toEqual(browser);
    expect(quick.filter((file) => browser.includes(file))).toEqual([]);
    expect([...quick, ...browser].sort()).toEqual(all);
    expect(zone).toEqual(quick);
  }, 60_000);
});
