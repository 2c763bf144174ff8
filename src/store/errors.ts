/**
 * Typed errors of the persistence layer. Callers branch on `code`, and the message is for
 * people: it names the value, the place and the fix.
 */

/** Stable codes carried by {@link StoreError}. */
export type StoreErrorCode =
  /** The database file could not be opened or configured (WAL, pragmas). */
  | 'DATABASE_OPEN_FAILED'
  /** Another live gateway process holds the data folder's lock file. */
  | 'DATA_DIR_LOCKED'
  /** The database records a schema version that this build does not know. */
  | 'MIGRATION_NEWER_THAN_CODE'
  /** A recorded migration has a different name than the migration of that version in this build. */
  | 'MIGRATION_HISTORY_MISMATCH'
  /** A migration's SQL failed; its transaction was rolled back. */
  | 'MIGRATION_FAILED'
  /** A data method ran before `migrate()` finished. */
  | 'NOT_MIGRATED'
  /** A method ran after `close()`. */
  | 'STORE_CLOSED'
  /** A write probe failed: read-only file, I/O error, full disk or a lock held too long. */
  | 'DATABASE_NOT_WRITABLE'
  /** A pagination cursor was not produced by this store. */
  | 'INVALID_CURSOR'
  /** A filter, page size or status list is invalid. */
  | 'INVALID_ARGUMENT'
  /** A record or patch has a field of the wrong type or shape. */
  | 'INVALID_RECORD'
  /** A patch tries to change a field that is fixed at insert. */
  | 'IMMUTABLE_FIELD'
  /** No generation has the given id. */
  | 'GENERATION_NOT_FOUND'
  /** A record with the same id already exists. */
  | 'DUPLICATE_ID'
  /** A record references a generation that does not exist. */
  | 'REFERENCE_NOT_FOUND'
  /** A database CHECK constraint rejected a value (for example a second upstream POST). */
  | 'CONSTRAINT_VIOLATION'
  /** Any other SQLite failure: busy beyond the busy timeout, I/O error, full disk, corruption. */
  | 'DATABASE_ERROR'
  /** A blob storage key is not 64 lowercase hex characters. */
  | 'INVALID_STORAGE_KEY'
  /** The file system rejected writing a blob. */
  | 'BLOB_WRITE_FAILED'
  /** No blob is stored under the given key. */
  | 'BLOB_NOT_FOUND'
  /** A stored blob no longer hashes to its key. */
  | 'BLOB_CORRUPTED';

/** Error thrown by the store and the blob store; `cause` carries the driver or file system error. */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Shortens a caller-supplied value for an error message so that a large value cannot flood logs. */
export function quoteForMessage(value: unknown, maxLength = 80): string {
  const text = typeof value === 'string' ? value : String(value);
  const shortened = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  return JSON.stringify(shortened);
}

/** Returns "CODE: message" for a driver or file system error with a string code, else its message. */
export function describeCause(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
