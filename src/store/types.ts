/**
 * Records and the asynchronous store interface. The interface is Promise-based although the
 * SQLite implementation is synchronous, so that a PostgreSQL implementation can follow.
 */

export const GENERATION_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'TIMED_OUT'] as const;

export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

export type OwnerRole = 'client' | 'internal';

/** One generation request and everything known about its upstream job. */
export interface GenerationRecord {
  /** 'gen_' followed by random hex, see `newRecordId`. */
  id: string;
  /** Fingerprint of the API key that created the generation, never the key itself. */
  ownerId: string;
  ownerRole: OwnerRole;
  /** Endpoint path, e.g. '/flux-dev'. */
  endpoint: string;
  /** Modal app name, e.g. 'ryla-flux'. */
  app: string;
  status: GenerationStatus;
  /** Normalised inputs as JSON: integers as decimal strings, media replaced by blob references. */
  inputs: Record<string, unknown>;
  /** Defaults that the endpoint applies, as JSON. */
  appliedDefaults: Record<string, unknown>;
  /** sha256 hex of the canonical input, compared by the service for idempotency. */
  inputDigest: string;
  idempotencyKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  deadlineAt: Date;
  /** Modal 303 result URL, stored as soon as it is known so that a restart polls instead of re-posting. */
  resultUrl: string | null;
  /** POST requests sent upstream for this job. The database rejects values above 1. */
  upstreamPosts: number;
  attempts: number;
  hops: number;
  /** Reason for the terminal state, or for being queued or running. */
  statusReason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** Internal-only detail of the upstream failure. */
  upstreamStatus: number | null;
  upstreamDetail: string | null;
  costUsd: number | null;
  executionTimeSec: number | null;
  gpuType: string | null;
  upstreamLatencyMs: number | null;
  queueMs: number | null;
  coldStart: boolean | null;
}

/** One output file of a generation, stored in the blob store under `storageKey`. */
export interface ArtifactRecord {
  id: string;
  generationId: string;
  /** Media type detected from the bytes, e.g. 'image/png'. */
  mediaType: string;
  /** Content-Type that the upstream declared, which is often wrong. */
  declaredContentType: string | null;
  byteSize: number;
  width: number | null;
  height: number | null;
  sha256: string;
  storageKey: string;
  createdAt: Date;
}

/** A quality score that a person gave an endpoint, optionally for one generation. */
export interface RatingRecord {
  id: string;
  endpoint: string;
  generationId: string | null;
  score: number;
  note: string | null;
  authorId: string;
  createdAt: Date;
}

/**
 * Filter of `listGenerations`. Every given field narrows the result. The time window is
 * half-open: `createdAfter` is inclusive and `createdBefore` is exclusive.
 */
export interface GenerationFilter {
  ownerId?: string;
  endpoint?: string;
  statuses?: GenerationStatus[];
  createdAfter?: Date;
  createdBefore?: Date;
}

/** Page request: `first` items after the opaque cursor `after` (an `endCursor` of a previous page). */
export interface PageRequest {
  first: number;
  after?: string;
}

export interface GenerationPage {
  items: GenerationRecord[];
  /** Cursor of the last item, or null when the page is empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Window of `listFinishedGenerations`: `finishedAfter` inclusive, `finishedBefore` exclusive. */
export interface FinishedGenerationFilter {
  endpoint?: string;
  finishedAfter: Date;
  finishedBefore?: Date;
}

export interface RatingFilter {
  endpoint?: string;
  generationId?: string;
}

/** Persistence of generations, artifacts and ratings. All methods are asynchronous. */
export interface GenerationStore {
  /**
   * Applies pending migrations, one transaction each, and prepares the store for use.
   * Every other data method throws NOT_MIGRATED until this resolves.
   * Returns the versions applied by this call (empty when the schema was current).
   * Throws MIGRATION_NEWER_THAN_CODE, MIGRATION_HISTORY_MISMATCH or MIGRATION_FAILED.
   */
  migrate(): Promise<{ applied: number[] }>;
  /**
   * Inserts a generation, or returns the existing one for (ownerId, idempotencyKey) with
   * `created: false`. Atomic across connections. Throws DUPLICATE_ID when the id exists.
   */
  insertGeneration(record: GenerationRecord): Promise<{ generation: GenerationRecord; created: boolean }>;
  getGeneration(id: string): Promise<GenerationRecord | null>;
  /** Returns the generation that `ownerId` created with `idempotencyKey`, or null. */
  findGenerationByIdempotencyKey(ownerId: string, idempotencyKey: string): Promise<GenerationRecord | null>;
  /** Returns one entry per id in the same order, null for a missing id (for DataLoader). */
  getGenerations(ids: readonly string[]): Promise<(GenerationRecord | null)[]>;
  /** Lists generations newest first, ordered by (createdAt desc, id desc). Throws INVALID_CURSOR. */
  listGenerations(filter: GenerationFilter, page: PageRequest): Promise<GenerationPage>;
  /**
   * Compare-and-set: applies `patch` only if the current status is one of `fromStatuses`.
   * Returns the updated record, or null when the status did not match.
   * Throws GENERATION_NOT_FOUND when no generation has the id.
   */
  transitionGeneration(
    id: string,
    fromStatuses: GenerationStatus[],
    patch: Partial<GenerationRecord>,
  ): Promise<GenerationRecord | null>;
  /**
   * Compare-and-set that also attaches an artifact: inserts `artifact` and applies `patch` in one
   * transaction, only if the current status is one of `fromStatuses`. Returns the updated record,
   * or null, with nothing written, when the status did not match.
   * Throws GENERATION_NOT_FOUND, or INVALID_ARGUMENT when the artifact names another generation.
   */
  transitionGenerationWithArtifact(
    id: string,
    fromStatuses: GenerationStatus[],
    artifact: ArtifactRecord,
    patch: Partial<GenerationRecord>,
  ): Promise<GenerationRecord | null>;
  /** Applies `patch` unconditionally. Throws GENERATION_NOT_FOUND when no generation has the id. */
  updateGeneration(id: string, patch: Partial<GenerationRecord>): Promise<GenerationRecord>;
  /** Lists generations in the given statuses, oldest first (restart recovery, FIFO queue rebuild). */
  listGenerationsByStatus(statuses: GenerationStatus[]): Promise<GenerationRecord[]>;
  /** Inserts an artifact. Throws REFERENCE_NOT_FOUND for an unknown generation, DUPLICATE_ID for a used id. */
  insertArtifact(record: ArtifactRecord): Promise<void>;
  getArtifact(id: string): Promise<ArtifactRecord | null>;
  /** Returns the artifacts of each generation id in the same order, oldest artifact first. */
  listArtifactsByGeneration(generationIds: readonly string[]): Promise<ArtifactRecord[][]>;
  /** Inserts a rating. Throws REFERENCE_NOT_FOUND when `generationId` names no generation. */
  insertRating(record: RatingRecord): Promise<void>;
  /** Lists ratings oldest first. */
  listRatings(filter: RatingFilter): Promise<RatingRecord[]>;
  /**
   * Lists generations finished within the window, for endpoint statistics, oldest finish first.
   * NOTE: the result has no row limit, so callers keep the window short.
   */
  listFinishedGenerations(filter: FinishedGenerationFilter): Promise<GenerationRecord[]>;
  /** Commits a small write, for /readyz. Throws DATABASE_NOT_WRITABLE when the commit fails. */
  checkWritable(): Promise<void>;
  /** Returns the schema version of the database and the latest migration version in this build. */
  migrationState(): Promise<{ current: number; latest: number }>;
  /** Closes the database. Later calls throw STORE_CLOSED; a second close does nothing. */
  close(): Promise<void>;
}
