/**
 * Runs numbered migrations against a SQLite database and records them in `schema_migrations`.
 */
import type Database from 'better-sqlite3';
import { StoreError, describeCause } from './errors.js';
import type { Migration } from './migrations/index.js';

interface AppliedMigration {
  version: number;
  name: string;
}

/** Returns the highest version in `migrations`, or 0 for an empty list. */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Returns the highest recorded version of the database, 0 when none is recorded. */
export function currentVersion(db: Database.Database): number {
  const applied = readAppliedMigrations(db);
  return applied.at(-1)?.version ?? 0;
}

/**
 * Applies the migrations that the database at `file` has not recorded, each in its own
 * IMMEDIATE transaction so that two processes starting together apply each one once.
 * Returns the versions applied by this call.
 * Throws MIGRATION_NEWER_THAN_CODE, MIGRATION_HISTORY_MISMATCH or MIGRATION_FAILED.
 */
export function applyMigrations(db: Database.Database, file: string, migrations: readonly Migration[]): number[] {
  assertConsecutive(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  assertHistoryMatches(readAppliedMigrations(db), file, migrations);

  const recordMigration = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations) {
    const applyOne = db.transaction(() => {
      // Another process may have applied this version since the check above.
      if (currentVersion(db) >= migration.version) {
        return false;
      }
      db.exec(migration.sql);
      recordMigration.run(migration.version, migration.name, Date.now());
      return true;
    });
    if (runMigration(applyOne, file, migration)) {
      applied.push(migration.version);
    }
  }
  return applied;
}

function runMigration(applyOne: Database.Transaction<() => boolean>, file: string, migration: Migration): boolean {
  try {
    return applyOne.immediate();
  } catch (error) {
    throw new StoreError(
      'MIGRATION_FAILED',
      `Migration ${migration.version} (${migration.name}) failed on database ${file} and was rolled back: ` +
        `${describeCause(error)}. Fix the migration or the database, then restart.`,
      { cause: error },
    );
  }
}

function readAppliedMigrations(db: Database.Database): AppliedMigration[] {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (table === undefined) {
    return [];
  }
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
}

function assertHistoryMatches(applied: readonly AppliedMigration[], file: string, migrations: readonly Migration[]): void {
  const latest = latestVersion(migrations);
  const current = applied.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreError(
      'MIGRATION_NEWER_THAN_CODE',
      `Database ${file} has schema version ${current}, but this build contains migrations up to version ${latest} only. ` +
        `Run a build that includes migration ${current}, or restore a backup taken before that migration.`,
    );
  }
  for (const record of applied) {
    const known = migrations[record.version - 1];
    if (known?.name !== record.name) {
      throw new StoreError(
        'MIGRATION_HISTORY_MISMATCH',
        `Database ${file} recorded migration ${record.version} as "${record.name}", but this build names it ` +
          `"${known?.name ?? '(missing)'}". The database was migrated by a different branch; ` +
          `restore a backup or migrate it with the build that created it.`,
      );
    }
  }
}

/** Throws a programming error unless the versions run 1, 2, 3, … in order. */
function assertConsecutive(migrations: readonly Migration[]): void {
  for (const [index, migration] of migrations.entries()) {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration list is out of order: expected version ${index + 1} at position ${index}, found ` +
          `${migration.version} (${migration.name}). Number migrations 1, 2, 3, … without gaps.`,
      );
    }
  }
}
