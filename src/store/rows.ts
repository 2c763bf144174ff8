/**
 * Conversion between records and SQLite rows. Dates are stored as integer milliseconds since
 * the Unix epoch, JSON as TEXT and booleans as 0 or 1.
 */
import type { ArtifactRecord, GenerationRecord, GenerationStatus, OwnerRole, RatingRecord } from './types.js';

export interface GenerationRow {
  id: string;
  owner_id: string;
  owner_role: string;
  endpoint: string;
  app: string;
  status: string;
  inputs_json: string;
  applied_defaults_json: string;
  input_digest: string;
  idempotency_key: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  finished_at: number | null;
  deadline_at: number;
  result_url: string | null;
  upstream_posts: number;
  attempts: number;
  hops: number;
  status_reason: string | null;
  error_code: string | null;
  error_message: string | null;
  upstream_status: number | null;
  upstream_detail: string | null;
  cost_usd: number | null;
  execution_time_sec: number | null;
  gpu_type: string | null;
  upstream_latency_ms: number | null;
  queue_ms: number | null;
  cold_start: number | null;
}

export interface ArtifactRow {
  id: string;
  generation_id: string;
  media_type: string;
  declared_content_type: string | null;
  byte_size: number;
  width: number | null;
  height: number | null;
  sha256: string;
  storage_key: string;
  created_at: number;
}

export interface RatingRow {
  id: string;
  endpoint: string;
  generation_id: string | null;
  score: number;
  note: string | null;
  author_id: string;
  created_at: number;
}

/** Column list of `generations` in insert order; the single source for INSERT and UPDATE SQL. */
export const GENERATION_COLUMNS: readonly (keyof GenerationRow)[] = [
  'id',
  'owner_id',
  'owner_role',
  'endpoint',
  'app',
  'status',
  'inputs_json',
  'applied_defaults_json',
  'input_digest',
  'idempotency_key',
  'created_at',
  'updated_at',
  'started_at',
  'finished_at',
  'deadline_at',
  'result_url',
  'upstream_posts',
  'attempts',
  'hops',
  'status_reason',
  'error_code',
  'error_message',
  'upstream_status',
  'upstream_detail',
  'cost_usd',
  'execution_time_sec',
  'gpu_type',
  'upstream_latency_ms',
  'queue_ms',
  'cold_start',
];

export function generationToRow(record: GenerationRecord): GenerationRow {
  return {
    id: record.id,
    owner_id: record.ownerId,
    owner_role: record.ownerRole,
    endpoint: record.endpoint,
    app: record.app,
    status: record.status,
    inputs_json: JSON.stringify(record.inputs),
    applied_defaults_json: JSON.stringify(record.appliedDefaults),
    input_digest: record.inputDigest,
    idempotency_key: record.idempotencyKey,
    created_at: record.createdAt.getTime(),
    updated_at: record.updatedAt.getTime(),
    started_at: optionalTime(record.startedAt),
    finished_at: optionalTime(record.finishedAt),
    deadline_at: record.deadlineAt.getTime(),
    result_url: record.resultUrl,
    upstream_posts: record.upstreamPosts,
    attempts: record.attempts,
    hops: record.hops,
    status_reason: record.statusReason,
    error_code: record.errorCode,
    error_message: record.errorMessage,
    upstream_status: record.upstreamStatus,
    upstream_detail: record.upstreamDetail,
    cost_usd: record.costUsd,
    execution_time_sec: record.executionTimeSec,
    gpu_type: record.gpuType,
    upstream_latency_ms: record.upstreamLatencyMs,
    queue_ms: record.queueMs,
    cold_start: record.coldStart === null ? null : Number(record.coldStart),
  };
}

export function generationFromRow(row: GenerationRow): GenerationRecord {
  return {
    id: row.id,
    ownerId: row.owner_id,
    // The CHECK constraints of the schema restrict these columns to the union members.
    ownerRole: row.owner_role as OwnerRole,
    endpoint: row.endpoint,
    app: row.app,
    status: row.status as GenerationStatus,
    inputs: JSON.parse(row.inputs_json) as Record<string, unknown>,
    appliedDefaults: JSON.parse(row.applied_defaults_json) as Record<string, unknown>,
    inputDigest: row.input_digest,
    idempotencyKey: row.idempotency_key,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    startedAt: optionalDate(row.started_at),
    finishedAt: optionalDate(row.finished_at),
    deadlineAt: new Date(row.deadline_at),
    resultUrl: row.result_url,
    upstreamPosts: row.upstream_posts,
    attempts: row.attempts,
    hops: row.hops,
    statusReason: row.status_reason,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    upstreamStatus: row.upstream_status,
    upstreamDetail: row.upstream_detail,
    costUsd: row.cost_usd,
    executionTimeSec: row.execution_time_sec,
    gpuType: row.gpu_type,
    upstreamLatencyMs: row.upstream_latency_ms,
    queueMs: row.queue_ms,
    coldStart: row.cold_start === null ? null : row.cold_start === 1,
  };
}

export function artifactToRow(record: ArtifactRecord): ArtifactRow {
  return {
    id: record.id,
    generation_id: record.generationId,
    media_type: record.mediaType,
    declared_content_type: record.declaredContentType,
    byte_size: record.byteSize,
    width: record.width,
    height: record.height,
    sha256: record.sha256,
    storage_key: record.storageKey,
    created_at: record.createdAt.getTime(),
  };
}

export function artifactFromRow(row: ArtifactRow): ArtifactRecord {
  return {
    id: row.id,
    generationId: row.generation_id,
    mediaType: row.media_type,
    declaredContentType: row.declared_content_type,
    byteSize: row.byte_size,
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    storageKey: row.storage_key,
    createdAt: new Date(row.created_at),
  };
}

export function ratingToRow(record: RatingRecord): RatingRow {
  return {
    id: record.id,
    endpoint: record.endpoint,
    generation_id: record.generationId,
    score: record.score,
    note: record.note,
    author_id: record.authorId,
    created_at: record.createdAt.getTime(),
  };
}

export function ratingFromRow(row: RatingRow): RatingRecord {
  return {
    id: row.id,
    endpoint: row.endpoint,
    generationId: row.generation_id,
    score: row.score,
    note: row.note,
    authorId: row.author_id,
    createdAt: new Date(row.created_at),
  };
}

function optionalTime(value: Date | null): number | null {
  return value === null ? null : value.getTime();
}

function optionalDate(value: number | null): Date | null {
  return value === null ? null : new Date(value);
}
