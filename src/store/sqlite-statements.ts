/**
 * SQL of the SQLite store, prepared once after migration. Id lists and status lists are bound
 * as one JSON array and expanded with json_each, so each statement has a fixed text.
 */
import type Database from 'better-sqlite3';
import { GENERATION_COLUMNS } from './rows.js';
import type { ArtifactRow, GenerationRow, RatingRow } from './rows.js';

export interface Statements {
  /** Inserts a generation, doing nothing when (owner_id, idempotency_key) already exists. */
  insertGeneration: Database.Statement<GenerationRow>;
  selectGenerationById: Database.Statement<[string], GenerationRow>;
  selectGenerationByIdempotencyKey: Database.Statement<[string, string], GenerationRow>;
  /** Rewrites every column except id; the caller merges the patch first. */
  updateGeneration: Database.Statement<GenerationRow>;
  /** Binds a JSON array of ids. */
  selectGenerationsByIds: Database.Statement<[string], GenerationRow>;
  /** Binds a JSON array of statuses; oldest first. */
  selectGenerationsByStatuses: Database.Statement<[string], GenerationRow>;
  insertArtifact: Database.Statement<ArtifactRow>;
  selectArtifactById: Database.Statement<[string], ArtifactRow>;
  /** Binds a JSON array of generation ids; oldest artifact first. */
  selectArtifactsByGenerationIds: Database.Statement<[string], ArtifactRow>;
  insertRating: Database.Statement<RatingRow>;
  /** Binds the current time in milliseconds. */
  recordHealthCheck: Database.Statement<[number]>;
}

/** Prepares the fixed statements; needs the schema of the latest migration. */
export function prepareStatements(db: Database.Database): Statements {
  const columns = GENERATION_COLUMNS.join(', ');
  const values = GENERATION_COLUMNS.map((column) => `@${column}`).join(', ');
  const assignments = GENERATION_COLUMNS.filter((column) => column !== 'id')
    .map((column) => `${column} = @${column}`)
    .join(', ');

  return {
    insertGeneration: db.prepare<GenerationRow>(
      `INSERT INTO generations (${columns}) VALUES (${values})
       ON CONFLICT (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING`,
    ),
    selectGenerationById: db.prepare<[string], GenerationRow>('SELECT * FROM generations WHERE id = ?'),
    selectGenerationByIdempotencyKey: db.prepare<[string, string], GenerationRow>(
      'SELECT * FROM generations WHERE owner_id = ? AND idempotency_key = ?',
    ),
    updateGeneration: db.prepare<GenerationRow>(`UPDATE generations SET ${assignments} WHERE id = @id`),
    selectGenerationsByIds: db.prepare<[string], GenerationRow>(
      'SELECT * FROM generations WHERE id IN (SELECT value FROM json_each(?))',
    ),
    selectGenerationsByStatuses: db.prepare<[string], GenerationRow>(
      'SELECT * FROM generations WHERE status IN (SELECT value FROM json_each(?)) ORDER BY created_at, id',
    ),
    insertArtifact: db.prepare<ArtifactRow>(
      `INSERT INTO artifacts (id, generation_id, media_type, declared_content_type, byte_size, width, height,
         sha256, storage_key, created_at)
       VALUES (@id, @generation_id, @media_type, @declared_content_type, @byte_size, @width, @height,
         @sha256, @storage_key, @created_at)`,
    ),
    selectArtifactById: db.prepare<[string], ArtifactRow>('SELECT * FROM artifacts WHERE id = ?'),
    selectArtifactsByGenerationIds: db.prepare<[string], ArtifactRow>(
      `SELECT * FROM artifacts WHERE generation_id IN (SELECT value FROM json_each(?))
       ORDER BY created_at, id`,
    ),
    insertRating: db.prepare<RatingRow>(
      `INSERT INTO ratings (id, endpoint, generation_id, score, note, author_id, created_at)
       VALUES (@id, @endpoint, @generation_id, @score, @note, @author_id, @created_at)`,
    ),
    recordHealthCheck: db.prepare<[number]>(
      `INSERT INTO store_health (id, checked_at) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`,
    ),
  };
}

/**
 * Statements whose WHERE clause depends on which filters are present. Each distinct text is
 * prepared once, and the filter combinations bound the number of texts.
 */
export class FilteredQueryCache {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement<unknown[]>>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Runs `sql` with positional `params` and returns all rows. */
  all<Row>(sql: string, params: readonly unknown[]): Row[] {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare<unknown[]>(sql);
      this.#statements.set(sql, statement);
    }
    return statement.all(...params) as Row[];
  }
}

/** Conditions joined by AND, with their positional parameters in order. */
export class WhereClause {
  readonly #conditions: string[] = [];
  readonly #params: unknown[] = [];

  add(condition: string, ...params: unknown[]): void {
    this.#conditions.push(condition);
    this.#params.push(...params);
  }

  get sql(): string {
    return this.#conditions.length === 0 ? '' : `WHERE ${this.#conditions.join(' AND ')}`;
  }

  get params(): readonly unknown[] {
    return this.#params;
  }
}
