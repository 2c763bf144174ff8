/**
 * Translation of better-sqlite3 errors into StoreErrors with stable codes.
 */
import Database from 'better-sqlite3';
import { StoreError } from './errors.js';

/** Description of the failed call, for the error message. */
export interface FailureContext {
  /** Store method name, e.g. 'insertArtifact'. */
  operation: string;
  file: string;
  /** Kind and id of the record being written, when there is one. */
  record?: { kind: 'generation' | 'artifact' | 'rating'; id: string; generationId?: string | null };
}

/**
 * Returns the StoreError for `error`: StoreErrors pass through, SQLite constraint failures get
 * their own codes and other SQLite failures become DATABASE_ERROR. Other errors are returned
 * unchanged because they are programming errors.
 */
export function translateSqliteError(error: unknown, context: FailureContext): unknown {
  if (error instanceof StoreError || !(error instanceof Database.SqliteError)) {
    return error;
  }
  const record = context.record;
  if (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' && record !== undefined) {
    return new StoreError(
      'DUPLICATE_ID',
      `Cannot ${context.operation}: a ${record.kind} with id ${JSON.stringify(record.id)} already exists. ` +
        'Generate a fresh id with newRecordId().',
      { cause: error },
    );
  }
  if (error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' && record !== undefined) {
    return new StoreError(
      'REFERENCE_NOT_FOUND',
      `Cannot ${context.operation}: ${record.kind} ${JSON.stringify(record.id)} references generation ` +
        `${JSON.stringify(record.generationId ?? null)}, which does not exist. Insert the generation first.`,
      { cause: error },
    );
  }
  if (error.code.startsWith('SQLITE_CONSTRAINT')) {
    return new StoreError(
      'CONSTRAINT_VIOLATION',
      `Cannot ${context.operation}: the database rejected the values (${error.message}). ` +
        'Fix the field named in the constraint.',
      { cause: error },
    );
  }
  return new StoreError(
    'DATABASE_ERROR',
    `SQLite failed during ${context.operation} on database ${context.file}: ${error.code}: ${error.message}.`,
    { cause: error },
  );
}
