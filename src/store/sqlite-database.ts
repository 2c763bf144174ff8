/**
 * Opening and configuring the SQLite connection used by the store.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors.js';

/** Default time a statement waits for another connection's lock before failing with SQLITE_BUSY. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens `file` (creating it and its directory when missing) and sets the pragmas:
 * - `journal_mode = WAL`, so readers do not block the writer. The returned mode is checked.
 * - `synchronous = FULL`. In WAL mode, NORMAL may lose the latest commits on power loss or an
 *   OS crash (a process crash loses nothing). The store records `upstreamPosts` and `resultUrl`
 *   around a paid upstream POST, and losing that record would let a restart send a second paid
 *   POST or forget the result URL. FULL syncs the WAL on each commit. The gateway commits a few
 *   rows per generation, so the cost is small next to GPU jobs of seconds to minutes.
 * - `busy_timeout`, so a short lock held by another connection waits instead of failing.
 * - `foreign_keys = ON`, which SQLite leaves off by default.
 * Throws DATABASE_OPEN_FAILED when the file cannot be opened or configured.
 */
export function openDatabase(file: string, busyTimeoutMs: number): Database.Database {
  validateOpenOptions(file, busyTimeoutMs);
  let db: Database.Database;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file, { timeout: busyTimeoutMs });
  } catch (error) {
    throw openFailed(file, error);
  }
  try {
    configure(db, file);
  } catch (error) {
    db.close();
    throw error instanceof StoreError ? error : openFailed(file, error);
  }
  return db;
}

function configure(db: Database.Database, file: string): void {
  const journalMode = db.pragma('journal_mode = WAL', { simple: true });
  if (journalMode !== 'wal') {
    throw new StoreError(
      'DATABASE_OPEN_FAILED',
      `Database ${file} did not switch to WAL mode: expected journal_mode "wal", got ${JSON.stringify(journalMode)}. ` +
        'Use a file path on a local file system (not ":memory:").',
    );
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

function validateOpenOptions(file: string, busyTimeoutMs: number): void {
  if (typeof file !== 'string' || file.trim() === '') {
    throw new StoreError(
      'DATABASE_OPEN_FAILED',
      `Invalid database file ${JSON.stringify(file)}: expected a file path such as "data/gateway.db".`,
    );
  }
  if (!Number.isSafeInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new StoreError(
      'DATABASE_OPEN_FAILED',
      `Invalid busyTimeoutMs ${String(busyTimeoutMs)}: expected a whole number of milliseconds >= 0, ` +
        `e.g. ${DEFAULT_BUSY_TIMEOUT_MS}.`,
    );
  }
}

function openFailed(file: string, error: unknown): StoreError {
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreError(
    'DATABASE_OPEN_FAILED',
    `Cannot open database ${file}: ${reason}. Check that the path is a SQLite file and that its directory is writable.`,
    { cause: error },
  );
}
