'use strict';
/**
 * A worker thread of HeavyReads (heavy-reads.ts) on SQLite: one connection to the app's database
 * file, answering `{ id, sql, params }` with `{ id, rows }` or `{ id, error }`.
 *
 * Plain JavaScript that needs only better-sqlite3, so that the same file runs from dist/ (copied
 * there by nest-cli.json's assets) and from src/ under jest.
 *
 * The connection reads only (`query_only`: a write statement fails with SQLITE_READONLY; WAL
 * lets it read while the app's one writer writes), and runs the WAL checkpoints that the app's
 * writer no longer runs inside its commits (`wal_autocheckpoint = 0`), `{ id, how }`. It is not
 * opened read-only: a read-only connection cannot checkpoint.
 */
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const { path } = workerData;
const db = new Database(path, { fileMustExist: true, timeout: 5000 });
db.pragma('query_only = 1');
// SQLite's page cache for this connection: 2 MB (SQLite's own default) instead of the 16 MB that
// better-sqlite3 compiles in. The heavy reads scan a period's rows once; the pages they need again
// are in the OS's cache of the file. At 1M, with two workers under year reports, the 16 MB caches
// filled and cost about 40 MB of resident memory, and the reports were no faster (benchmarks.md,
// Twelfth round).
db.pragma('cache_size = -2000');
/** Prepared statements by text: the app sends a handful of statement shapes over and over. */
const statements = new Map();
const MAX_STATEMENTS = 200;

function prepared(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

function answer(message) {
  if (message.how !== undefined) {
    const [result] = db.pragma(
      `wal_checkpoint(${message.how === 'TRUNCATE' ? 'TRUNCATE' : 'PASSIVE'})`,
    );
    return [result];
  }
  const statement = prepared(message.sql);
  if (!statement.reader) throw new Error('HeavyReads runs read statements only');
  return statement.all(...message.params);
}

parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, rows: answer(message) });
  } catch (error) {
    parentPort.postMessage({
      id: message.id,
      error: { message: String(error && error.message), code: error && error.code },
    });
  }
});
