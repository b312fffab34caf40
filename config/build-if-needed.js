#!/usr/bin/env node
// `npm start` runs this first: it builds dist/ when it is missing or older than the sources.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const output = join(root, 'dist', 'src', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

const sources = ['src', 'seeds', 'config'].map((d) => join(root, d)).filter(existsSync);
const stale =
  !existsSync(output) ||
  Math.max(...sources.map(newestMtime), statSync(join(root, 'package.json')).mtimeMs) >
    statSync(output).mtimeMs;

if (stale) {
  console.log('Building Makon…');
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
}
