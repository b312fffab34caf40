/**
 * The server's command line as `npm start` runs it (package.json's `start` script): its
 * environment assignments, node's flags and the script. The bench starts the app, and the bare
 * ceiling app, the same way, so that it measures what is deployed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StartCommand {
  env: Record<string, string>;
  nodeArgs: string[];
  script: string;
}

export function startCommandOf(root: string): StartCommand {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = scripts.start.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [name, ...value] = words.shift()!.split('=');
    env[name] = value.join('=');
  }
  if (words.shift() !== 'node' || words.length === 0) {
    throw new Error(
      `package.json's start is not "[VAR=value …] node [flags …] script": ${scripts.start}`,
    );
  }
  const script = words.pop()!;
  if (words.some((word) => !word.startsWith('-'))) {
    throw new Error(
      `package.json's start has more than node's flags and a script: ${scripts.start}`,
    );
  }
  return { env, nodeArgs: words, script: join(root, script) };
}
