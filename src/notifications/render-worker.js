'use strict';
/**
 * The worker thread of MessageRenderer (renderer.ts): renders a fan-out batch's messages (text,
 * HTML, the `.ics` file) and their channels' payloads off the app's event loop, answering
 * `{ id, tasks }` with `{ id, results }` or `{ id, error }`. Rendering is pure given the facts, the
 * locale and the link (payloads.ts, `renderTask`).
 *
 * Plain JavaScript, like database/read-worker.js, so that the same file runs from dist/ (copied
 * there by nest-cli.json's assets, next to the compiled payloads.js) and from src/ under jest,
 * where payloads.ts and what it imports are compiled on load with @swc/core (a dev dependency).
 */
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parentPort } = require('node:worker_threads');

if (!existsSync(join(__dirname, 'payloads.js'))) {
  const swc = require('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}
const { renderTask } = require('./payloads');

parentPort.on('message', (message) => {
  try {
    parentPort.postMessage({ id: message.id, results: message.tasks.map(renderTask) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message) });
  }
});
parentPort.postMessage('ready');
