// The module boundaries of src/ as an eslint rule (`makon/module-boundaries`, eslint.config.mjs).
// docs/development.md ("Modules and their public surfaces") explains the layers; in short:
//
//   src/scheduling/  the pure core: imports only itself, luxon and rrule (its specs also
//                    fast-check and test/support)
//   src/common/      shared plumbing: imports only itself, the core and config/, no module
//   src/<module>/    a module: imports the core, common, and other modules only through their
//                    public surface, src/<module>/index.ts; an API module never imports src/web
//   src/*.ts         the composition root (app module, main, start-up): public surfaces only
//
// Imports are resolved relative to the importing file, so `../bookings` from src/reports and
// `../../bookings` from src/web/today are the same target, while src/web/bookings/ is web's own.

import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..', 'src');
const ROOT = path.dirname(SRC);

/** The pure scheduling core: the bottom layer, which everyone may use. */
const CORE = 'scheduling';
/** Shared plumbing, below every module; any of its files may be imported. */
const COMMON = 'common';
const WEB = 'web';
const CORE_PACKAGES = new Set(['luxon', 'rrule']);
const CORE_SPEC_PACKAGES = new Set([...CORE_PACKAGES, 'fast-check']);

/**
 * Reviewed exceptions, each with its reason: importer (relative to src/) → allowed internal file
 * pattern. Keep this list short; a new entry is a design decision for docs/development.md.
 */
const EXCEPTIONS = [
  {
    // The DataSource's list of every table: the one place that needs each module's entity
    // classes, for the DataSource, the migrations CLI, the seeds and the tests.
    importer: 'database/entities.ts',
    target: /^[a-z-]+\/[a-z-]+\.entity\.ts$/,
  },
  {
    // The DataSource with every module's entities sits above the modules: only the app module
    // loads it. Were it on src/database/index.ts, every entity (which imports its columns from
    // there) would load every other entity, a cycle.
    importer: 'app.module.ts',
    target: /^database\/database\.module\.ts$/,
  },
];

const isSpec = (file) => /\.(e2e-)?spec\.ts$/.test(file);

/** 'bookings' for src/bookings/x.ts, '' for src/app.module.ts, null outside src/. */
function moduleOf(absolute) {
  const relative = path.relative(SRC, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const parts = relative.split(path.sep);
  if (parts.length > 1) return parts[0];
  return fs.existsSync(path.join(SRC, parts[0])) &&
    fs.statSync(path.join(SRC, parts[0])).isDirectory()
    ? parts[0]
    : '';
}

/** The package name of a bare specifier ('@nestjs/common/x' → '@nestjs/common'). */
function packageOf(source) {
  const parts = source.replace(/^node:/, '').split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** True when the resolved import is `src/<module>` or `src/<module>/index(.ts)`. */
function isPublicSurface(targetModule, absolute) {
  const inside = path.relative(path.join(SRC, targetModule), absolute).replace(/\.ts$/, '');
  return inside === '' || inside === 'index';
}

function problemOf(file, source) {
  const fromModule = moduleOf(file);
  if (fromModule === null) return null;
  const spec = isSpec(file);

  if (!source.startsWith('.')) {
    if (fromModule !== CORE) return null;
    const allowed = spec ? CORE_SPEC_PACKAGES : CORE_PACKAGES;
    return allowed.has(packageOf(source))
      ? null
      : `The scheduling core imports only itself, luxon and rrule, not '${source}'.`;
  }

  const target = path.resolve(path.dirname(file), source);
  const toModule = moduleOf(target);
  if (toModule === fromModule) return null;

  if (toModule === null) {
    const outside = path.relative(ROOT, target).split(path.sep)[0];
    if (spec && outside === 'test') return null;
    if (fromModule === CORE) return `The scheduling core imports only itself, not '${source}'.`;
    if (outside === 'config' && fromModule === COMMON) return null;
    if (outside === 'seeds' && fromModule === '') return null;
    return `src/${fromModule || '*.ts'} may not import '${source}' from outside src/.`;
  }
  if (fromModule === CORE) return `The scheduling core imports only itself, not '${source}'.`;
  if (toModule === '') return `Only the composition root may import src/*.ts ('${source}').`;
  if (toModule === WEB && fromModule !== '') {
    return `The API modules do not import the web pages ('${source}'); the pages use the API's services.`;
  }
  if (fromModule === COMMON && toModule !== CORE) {
    return `src/common imports no module ('${source}'); move the piece into common or the module.`;
  }
  if (toModule === COMMON) return null;

  const targetInSrc = path.relative(SRC, target);
  const exception = EXCEPTIONS.find(
    (e) =>
      e.importer === path.relative(SRC, file).split(path.sep).join('/') &&
      e.target.test(`${targetInSrc.split(path.sep).join('/')}.ts`.replace(/\.ts\.ts$/, '.ts')),
  );
  if (exception) return null;
  if (!isPublicSurface(toModule, target)) {
    return (
      `'${source}' is inside src/${toModule}; import its public surface ` +
      `(src/${toModule}/index.ts) and add what is missing there.`
    );
  }
  return null;
}

const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Modules import each other only through their public surface' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const message = problemOf(file, node.value);
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
      TSImportType: (node) => check(node.argument?.literal ?? node.argument),
    };
  },
};

export const makonPlugin = { rules: { 'module-boundaries': moduleBoundaries } };
