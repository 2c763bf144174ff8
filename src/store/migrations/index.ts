/**
 * All migrations in order. To change the schema, add a new file `NNNN-name.ts` with the next
 * version and append it here. Never edit a migration that a database may already have applied.
 */
import { initialMigration } from './0001-initial.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [initialMigration];
