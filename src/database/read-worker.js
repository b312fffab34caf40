'use strict';
/**
 * A worker thread of HeavyReads (heavy-reads.ts) on SQLite: one connection to the app's database
 * file, answering `{ id, sql, params }` with `{ id, rows }` or `{ id, error }`.
 *
 * Plain JavaScript that needs only better-sqlite3, so that the same file runs from dist/ (copied
 * there by nest-cli.json's assets) and from src/ under jest.
 *
 * `workerData.mode`: `read` opens the file read-only (WAL lets it read while the app's one writer
 * writes); `checkpoint` opens it writable and only runs the WAL checkpoints that the app's writer
 * no longer runs inside its commits (`wal_autocheckpoint = 0`).
 */
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const { path, mode } = workerData;
const db = new Database(path, { readonly: mode === 'read', fileMustExist: true, timeout: 5000 });
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
  if (mode === 'checkpoint') {
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
