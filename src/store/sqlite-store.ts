/**
 * GenerationStore on SQLite through better-sqlite3. The driver is synchronous, but the methods
 * are async so that a networked database can implement the same interface. Every failure
 * arrives as a rejected Promise.
 */
import type Database from 'better-sqlite3';
import { cursorFor, decodeCursor } from './cursor.js';
import { StoreError, describeCause } from './errors.js';
import { applyGenerationPatch } from './generation-patch.js';
import { applyMigrations, currentVersion, latestVersion } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/index.js';
import {
  artifactFromRow,
  artifactToRow,
  generationFromRow,
  generationToRow,
  ratingFromRow,
  ratingToRow,
} from './rows.js';
import type { GenerationRow, RatingRow } from './rows.js';
import { DEFAULT_BUSY_TIMEOUT_MS, openDatabase } from './sqlite-database.js';
import { translateSqliteError } from './sqlite-errors.js';
import type { FailureContext } from './sqlite-errors.js';
import { FilteredQueryCache, WhereClause, prepareStatements } from './sqlite-statements.js';
import type { Statements } from './sqlite-statements.js';
import type {
  ArtifactRecord,
  FinishedGenerationFilter,
  GenerationFilter,
  GenerationPage,
  GenerationRecord,
  GenerationStatus,
  GenerationStore,
  PageRequest,
  RatingFilter,
  RatingRecord,
} from './types.js';
import {
  validateArtifact,
  validateDate,
  validateFilterString,
  validateGeneration,
  validateIds,
  validateRating,
  validateStatuses,
} from './validation.js';

/** Largest `first` accepted by `listGenerations`. */
export const MAX_PAGE_SIZE = 1000;

export interface SqliteStoreOptions {
  /** Path of the database file. The file and its directory are created when missing. */
  file: string;
  /** Milliseconds a statement waits for another connection's lock (default 5000). */
  busyTimeoutMs?: number;
  /** Migration list, by default the project's migrations. Tests pass their own lists. */
  migrations?: readonly Migration[];
}

/**
 * Opens a SQLite-backed store. Call `migrate()` before any data method.
 * Throws DATABASE_OPEN_FAILED when the file cannot be opened or put in WAL mode.
 */
export function openSqliteStore(options: SqliteStoreOptions): GenerationStore {
  const db = openDatabase(options.file, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  return new SqliteGenerationStore(db, options.file, options.migrations ?? MIGRATIONS);
}

class SqliteGenerationStore implements GenerationStore {
  readonly #db: Database.Database;
  readonly #file: string;
  readonly #migrations: readonly Migration[];
  readonly #filteredQueries: FilteredQueryCache;
  #statements: Statements | null = null;
  #closed = false;

  constructor(db: Database.Database, file: string, migrations: readonly Migration[]) {
    this.#db = db;
    this.#file = file;
    this.#migrations = migrations;
    this.#filteredQueries = new FilteredQueryCache(db);
  }

  async migrate(): Promise<{ applied: number[] }> {
    this.#assertOpen('migrate');
    let applied: number[];
    try {
      applied = applyMigrations(this.#db, this.#file, this.#migrations);
    } catch (error) {
      throw translateSqliteError(error, { operation: 'migrate', file: this.#file });
    }
    this.#statements ??= prepareStatements(this.#db);
    return { applied };
  }

  async insertGeneration(record: GenerationRecord): Promise<{ generation: GenerationRecord; created: boolean }> {
    const statements = this.#ready('insertGeneration');
    validateGeneration(record);
    const row = generationToRow(record);
    const insertOrFindExisting = this.#db.transaction(() => {
      const created = statements.insertGeneration.run(row).changes === 1;
      const stored = created
        ? statements.selectGenerationById.get(row.id)
        : // The insert only yields on the idempotency index, so idempotency_key is not null here.
          statements.selectGenerationByIdempotencyKey.get(row.owner_id, row.idempotency_key ?? '');
      if (stored === undefined) {
        throw new Error(`Generation ${row.id} is missing right after its insert.`);
      }
      return { generation: generationFromRow(stored), created };
    });
    return this.#run({ operation: 'insertGeneration', record: { kind: 'generation', id: record.id } }, () =>
      // IMMEDIATE takes the write lock first, so a concurrent insert of the same key waits for this one.
      insertOrFindExisting.immediate(),
    );
  }

  async getGeneration(id: string): Promise<GenerationRecord | null> {
    const statements = this.#ready('getGeneration');
    validateFilterString(id, 'generation id');
    const row = this.#run({ operation: 'getGeneration' }, () => statements.selectGenerationById.get(id));
    return row === undefined ? null : generationFromRow(row);
  }

  async findGenerationByIdempotencyKey(ownerId: string, idempotencyKey: string): Promise<GenerationRecord | null> {
    const statements = this.#ready('findGenerationByIdempotencyKey');
    validateFilterString(ownerId, 'ownerId of findGenerationByIdempotencyKey');
    validateFilterString(idempotencyKey, 'idempotencyKey of findGenerationByIdempotencyKey');
    const row = this.#run({ operation: 'findGenerationByIdempotencyKey' }, () =>
      statements.selectGenerationByIdempotencyKey.get(ownerId, idempotencyKey),
    );
    return row === undefined ? null : generationFromRow(row);
  }

  async getGenerations(ids: readonly string[]): Promise<(GenerationRecord | null)[]> {
    const statements = this.#ready('getGenerations');
    validateIds(ids, 'generation ids');
    if (ids.length === 0) {
      return [];
    }
    const rows = this.#run({ operation: 'getGenerations' }, () =>
      statements.selectGenerationsByIds.all(JSON.stringify([...new Set(ids)])),
    );
    const byId = new Map(rows.map((row) => [row.id, generationFromRow(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async listGenerations(filter: GenerationFilter, page: PageRequest): Promise<GenerationPage> {
    this.#ready('listGenerations');
    validatePageSize(page.first);
    const where = generationFilterClause(filter);
    if (page.after !== undefined) {
      const position = decodeCursor(page.after);
      where.add('(created_at, id) < (?, ?)', position.createdAtMs, position.id);
    }
    const sql = `SELECT * FROM generations ${where.sql} ORDER BY created_at DESC, id DESC LIMIT ?`;
    const rows = this.#run({ operation: 'listGenerations' }, () =>
      // One extra row shows whether another page follows.
      this.#filteredQueries.all<GenerationRow>(sql, [...where.params, page.first + 1]),
    );
    const items = rows.slice(0, page.first).map(generationFromRow);
    const last = items.at(-1);
    return {
      items,
      endCursor: last === undefined ? null : cursorFor(last),
      hasNextPage: rows.length > page.first,
    };
  }

  async transitionGeneration(
    id: string,
    fromStatuses: GenerationStatus[],
    patch: Partial<GenerationRecord>,
  ): Promise<GenerationRecord | null> {
    const statements = this.#ready('transitionGeneration');
    validateFilterString(id, 'generation id');
    validateStatuses(fromStatuses, 'fromStatuses of transitionGeneration');
    return this.#patchGeneration(statements, 'transitionGeneration', id, patch, (current) =>
      fromStatuses.includes(current.status),
    );
  }

  async transitionGenerationWithArtifact(
    id: string,
    fromStatuses: GenerationStatus[],
    artifact: ArtifactRecord,
    patch: Partial<GenerationRecord>,
  ): Promise<GenerationRecord | null> {
    const statements = this.#ready('transitionGenerationWithArtifact');
    validateFilterString(id, 'generation id');
    validateStatuses(fromStatuses, 'fromStatuses of transitionGenerationWithArtifact');
    validateArtifact(artifact);
    if (artifact.generationId !== id) {
      throw new StoreError(
        'INVALID_ARGUMENT',
        `Cannot transitionGenerationWithArtifact: the artifact belongs to generation ${JSON.stringify(artifact.generationId)}, not ${JSON.stringify(id)}.`,
      );
    }
    return this.#patchGeneration(
      statements,
      'transitionGenerationWithArtifact',
      id,
      patch,
      (current) => fromStatuses.includes(current.status),
      () => statements.insertArtifact.run(artifactToRow(artifact)),
    );
  }

  async updateGeneration(id: string, patch: Partial<GenerationRecord>): Promise<GenerationRecord> {
    const statements = this.#ready('updateGeneration');
    validateFilterString(id, 'generation id');
    const updated = this.#patchGeneration(statements, 'updateGeneration', id, patch, () => true);
    if (updated === null) {
      throw new Error(`updateGeneration of ${id} was skipped although it has no status condition.`);
    }
    return updated;
  }

  async listGenerationsByStatus(statuses: GenerationStatus[]): Promise<GenerationRecord[]> {
    const statements = this.#ready('listGenerationsByStatus');
    validateStatuses(statuses, 'statuses of listGenerationsByStatus');
    const rows = this.#run({ operation: 'listGenerationsByStatus' }, () =>
      statements.selectGenerationsByStatuses.all(JSON.stringify(statuses)),
    );
    return rows.map(generationFromRow);
  }

  async insertArtifact(record: ArtifactRecord): Promise<void> {
    const statements = this.#ready('insertArtifact');
    validateArtifact(record);
    const context: Omit<FailureContext, 'file'> = {
      operation: 'insertArtifact',
      record: { kind: 'artifact', id: record.id, generationId: record.generationId },
    };
    this.#run(context, () => statements.insertArtifact.run(artifactToRow(record)));
  }

  async getArtifact(id: string): Promise<ArtifactRecord | null> {
    const statements = this.#ready('getArtifact');
    validateFilterString(id, 'artifact id');
    const row = this.#run({ operation: 'getArtifact' }, () => statements.selectArtifactById.get(id));
    return row === undefined ? null : artifactFromRow(row);
  }

  async listArtifactsByGeneration(generationIds: readonly string[]): Promise<ArtifactRecord[][]> {
    const statements = this.#ready('listArtifactsByGeneration');
    validateIds(generationIds, 'generation ids');
    if (generationIds.length === 0) {
      return [];
    }
    const rows = this.#run({ operation: 'listArtifactsByGeneration' }, () =>
      statements.selectArtifactsByGenerationIds.all(JSON.stringify([...new Set(generationIds)])),
    );
    const byGeneration = new Map<string, ArtifactRecord[]>();
    for (const row of rows) {
      const list = byGeneration.get(row.generation_id) ?? [];
      list.push(artifactFromRow(row));
      byGeneration.set(row.generation_id, list);
    }
    // Each position gets its own array, so a caller that mutates one does not affect another.
    return generationIds.map((id) => [...(byGeneration.get(id) ?? [])]);
  }

  async insertRating(record: RatingRecord): Promise<void> {
    const statements = this.#ready('insertRating');
    validateRating(record);
    const context: Omit<FailureContext, 'file'> = {
      operation: 'insertRating',
      record: { kind: 'rating', id: record.id, generationId: record.generationId },
    };
    this.#run(context, () => statements.insertRating.run(ratingToRow(record)));
  }

  async listRatings(filter: RatingFilter): Promise<RatingRecord[]> {
    this.#ready('listRatings');
    const where = new WhereClause();
    if (filter.endpoint !== undefined) {
      validateFilterString(filter.endpoint, 'endpoint filter of listRatings');
      where.add('endpoint = ?', filter.endpoint);
    }
    if (filter.generationId !== undefined) {
      validateFilterString(filter.generationId, 'generationId filter of listRatings');
      where.add('generation_id = ?', filter.generationId);
    }
    const sql = `SELECT * FROM ratings ${where.sql} ORDER BY created_at, id`;
    const rows = this.#run({ operation: 'listRatings' }, () => this.#filteredQueries.all<RatingRow>(sql, where.params));
    return rows.map(ratingFromRow);
  }

  async listFinishedGenerations(filter: FinishedGenerationFilter): Promise<GenerationRecord[]> {
    this.#ready('listFinishedGenerations');
    const where = new WhereClause();
    validateDate(filter.finishedAfter, 'finishedAfter of listFinishedGenerations');
    where.add('finished_at >= ?', filter.finishedAfter.getTime());
    if (filter.finishedBefore !== undefined) {
      validateDate(filter.finishedBefore, 'finishedBefore of listFinishedGenerations');
      where.add('finished_at < ?', filter.finishedBefore.getTime());
    }
    if (filter.endpoint !== undefined) {
      validateFilterString(filter.endpoint, 'endpoint filter of listFinishedGenerations');
      where.add('endpoint = ?', filter.endpoint);
    }
    const sql = `SELECT * FROM generations ${where.sql} ORDER BY finished_at, id`;
    const rows = this.#run({ operation: 'listFinishedGenerations' }, () =>
      this.#filteredQueries.all<GenerationRow>(sql, where.params),
    );
    return rows.map(generationFromRow);
  }

  async checkWritable(): Promise<void> {
    const statements = this.#ready('checkWritable');
    const recordHealthCheck = this.#db.transaction(() => statements.recordHealthCheck.run(Date.now()));
    try {
      recordHealthCheck.immediate();
    } catch (error) {
      throw new StoreError(
        'DATABASE_NOT_WRITABLE',
        `Database ${this.#file} is not writable: ${describeCause(error)}. Check free disk space, permissions ` +
          'and file attributes of the database file, its -wal and -shm files and their directory.',
        { cause: error },
      );
    }
  }

  async migrationState(): Promise<{ current: number; latest: number }> {
    this.#assertOpen('migrationState');
    const current = this.#run({ operation: 'migrationState' }, () => currentVersion(this.#db));
    return { current, latest: latestVersion(this.#migrations) };
  }

  async close(): Promise<void> {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    this.#statements = null;
    this.#db.close();
  }

  /**
   * Reads, patches and rewrites one generation in an IMMEDIATE transaction, so no other
   * connection can change it in between. Returns null when `accepts` rejects the current record.
   */
  #patchGeneration(
    statements: Statements,
    operation: string,
    id: string,
    patch: Partial<GenerationRecord>,
    accepts: (current: GenerationRecord) => boolean,
    writeAlongside?: () => void,
  ): GenerationRecord | null {
    const patchRow = this.#db.transaction((): GenerationRecord | null => {
      const row = statements.selectGenerationById.get(id);
      if (row === undefined) {
        throw new StoreError(
          'GENERATION_NOT_FOUND',
          `Cannot ${operation}: no generation has id ${JSON.stringify(id)}. Use the id returned by insertGeneration.`,
        );
      }
      const current = generationFromRow(row);
      if (!accepts(current)) {
        return null;
      }
      const next = applyGenerationPatch(current, patch, new Date());
      writeAlongside?.();
      statements.updateGeneration.run(generationToRow(next));
      const stored = statements.selectGenerationById.get(id);
      return stored === undefined ? null : generationFromRow(stored);
    });
    return this.#run({ operation, record: { kind: 'generation', id } }, () => patchRow.immediate());
  }

  /** Returns the prepared statements. Throws STORE_CLOSED or NOT_MIGRATED. */
  #ready(operation: string): Statements {
    this.#assertOpen(operation);
    if (this.#statements === null) {
      throw new StoreError(
        'NOT_MIGRATED',
        `Cannot ${operation} on database ${this.#file}: the store is not migrated yet. Await store.migrate() at startup.`,
      );
    }
    return this.#statements;
  }

  #assertOpen(operation: string): void {
    if (this.#closed) {
      throw new StoreError(
        'STORE_CLOSED',
        `Cannot ${operation}: the store for database ${this.#file} is closed. Open a new store with openSqliteStore().`,
      );
    }
  }

  #run<T>(context: Omit<FailureContext, 'file'>, action: () => T): T {
    try {
      return action();
    } catch (error) {
      throw translateSqliteError(error, { ...context, file: this.#file });
    }
  }
}

function validatePageSize(first: number): void {
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      `Invalid page size first=${String(first)}: expected a whole number from 1 to ${MAX_PAGE_SIZE}.`,
    );
  }
}

function generationFilterClause(filter: GenerationFilter): WhereClause {
  const where = new WhereClause();
  if (filter.ownerId !== undefined) {
    validateFilterString(filter.ownerId, 'ownerId filter of listGenerations');
    where.add('owner_id = ?', filter.ownerId);
  }
  if (filter.endpoint !== undefined) {
    validateFilterString(filter.endpoint, 'endpoint filter of listGenerations');
    where.add('endpoint = ?', filter.endpoint);
  }
  if (filter.statuses !== undefined) {
    validateStatuses(filter.statuses, 'statuses filter of listGenerations (omit it to list every status)');
    where.add('status IN (SELECT value FROM json_each(?))', JSON.stringify(filter.statuses));
  }
  if (filter.createdAfter !== undefined) {
    validateDate(filter.createdAfter, 'createdAfter filter of listGenerations');
    where.add('created_at >= ?', filter.createdAfter.getTime());
  }
  if (filter.createdBefore !== undefined) {
    validateDate(filter.createdBefore, 'createdBefore filter of listGenerations');
    where.add('created_at < ?', filter.createdBefore.getTime());
  }
  return where;
}
