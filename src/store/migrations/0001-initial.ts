/**
 * Migration 1: generations, artifacts, ratings and the write-probe row of `checkWritable`.
 * Times are integer milliseconds since the Unix epoch (UTC), and JSON is TEXT.
 */
import type { Migration } from './migration.js';

export const initialMigration: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE generations (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  owner_role TEXT NOT NULL CHECK (owner_role IN ('client', 'internal')),
  endpoint TEXT NOT NULL,
  app TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'TIMED_OUT')),
  inputs_json TEXT NOT NULL CHECK (json_valid(inputs_json)),
  applied_defaults_json TEXT NOT NULL CHECK (json_valid(applied_defaults_json)),
  input_digest TEXT NOT NULL,
  idempotency_key TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  deadline_at INTEGER NOT NULL,
  result_url TEXT,
  -- A second POST would start a second paid GPU job, so the schema refuses to record one.
  upstream_posts INTEGER NOT NULL CHECK (upstream_posts BETWEEN 0 AND 1),
  attempts INTEGER NOT NULL CHECK (attempts >= 0),
  hops INTEGER NOT NULL CHECK (hops >= 0),
  status_reason TEXT,
  error_code TEXT,
  error_message TEXT,
  upstream_status INTEGER,
  upstream_detail TEXT,
  cost_usd REAL,
  execution_time_sec REAL,
  gpu_type TEXT,
  upstream_latency_ms REAL,
  queue_ms REAL,
  cold_start INTEGER CHECK (cold_start IN (0, 1))
) STRICT;

CREATE UNIQUE INDEX generations_owner_idempotency_key
  ON generations (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX generations_owner_created ON generations (owner_id, created_at DESC, id DESC);
CREATE INDEX generations_endpoint_created ON generations (endpoint, created_at DESC, id DESC);
CREATE INDEX generations_created ON generations (created_at DESC, id DESC);
CREATE INDEX generations_status_created ON generations (status, created_at, id);
CREATE INDEX generations_finished ON generations (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE artifacts (
  id TEXT PRIMARY KEY,
  generation_id TEXT NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
  media_type TEXT NOT NULL,
  declared_content_type TEXT,
  byte_size INTEGER NOT NULL CHECK (byte_size >= 0),
  width INTEGER CHECK (width > 0),
  height INTEGER CHECK (height > 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  storage_key TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX artifacts_generation ON artifacts (generation_id, created_at, id);

CREATE TABLE ratings (
  id TEXT PRIMARY KEY,
  endpoint TEXT NOT NULL,
  generation_id TEXT REFERENCES generations (id) ON DELETE SET NULL,
  score REAL NOT NULL,
  note TEXT,
  author_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX ratings_endpoint_created ON ratings (endpoint, created_at, id);
CREATE INDEX ratings_generation ON ratings (generation_id) WHERE generation_id IS NOT NULL;

-- One row that checkWritable overwrites to prove that a commit reaches the disk.
CREATE TABLE store_health (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  checked_at INTEGER NOT NULL
) STRICT;
`,
};
