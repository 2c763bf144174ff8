/**
 * Generation records for the store tests. This module does not import vitest, so child
 * processes can use it too.
 */
import { newRecordId } from '../../src/store/index.js';
import type { GenerationRecord } from '../../src/store/index.js';

/** Seed at the top of the 64-bit range, which a JS number cannot hold exactly. */
export const MAX_SEED = '18446744073709551615';

/** Returns a QUEUED generation created at `createdAt` (default 2025-03-01T10:00Z) with `overrides` applied. */
export function makeGeneration(overrides: Partial<GenerationRecord> = {}): GenerationRecord {
  const createdAt = overrides.createdAt ?? new Date('2025-03-01T10:00:00.000Z');
  return {
    id: newRecordId('gen'),
    ownerId: 'key_fingerprint_a',
    ownerRole: 'client',
    endpoint: '/flux-dev',
    app: 'ryla-flux',
    status: 'QUEUED',
    inputs: { prompt: 'a red fox in snow', seed: MAX_SEED, width: 1024 },
    appliedDefaults: { steps: 20, cfg: 3.5 },
    inputDigest: 'ab'.repeat(32),
    idempotencyKey: null,
    createdAt,
    updatedAt: createdAt,
    startedAt: null,
    finishedAt: null,
    deadlineAt: new Date(createdAt.getTime() + 1_800_000),
    resultUrl: null,
    upstreamPosts: 0,
    attempts: 0,
    hops: 0,
    statusReason: null,
    errorCode: null,
    errorMessage: null,
    upstreamStatus: null,
    upstreamDetail: null,
    costUsd: null,
    executionTimeSec: null,
    gpuType: null,
    upstreamLatencyMs: null,
    queueMs: null,
    coldStart: null,
    ...overrides,
  };
}

/** Returns a FAILED generation with every nullable field set to a value. */
export function makeFailedGeneration(overrides: Partial<GenerationRecord> = {}): GenerationRecord {
  const createdAt = overrides.createdAt ?? new Date('2025-03-01T10:00:00.123Z');
  return makeGeneration({
    status: 'FAILED',
    inputs: {
      prompt: 'portrait, soft light',
      seed: MAX_SEED,
      reference: { blob: 'cd'.repeat(32), mediaType: 'image/png' },
      loras: [{ name: 'style.safetensors', strength: 0.8 }],
      flags: { upscale: true, faceRestore: false, mask: null },
    },
    appliedDefaults: { steps: 28, sampler: 'euler', seed: '0' },
    idempotencyKey: 'client-key-1',
    createdAt,
    updatedAt: new Date(createdAt.getTime() + 42_000),
    startedAt: new Date(createdAt.getTime() + 1_500),
    finishedAt: new Date(createdAt.getTime() + 41_999),
    resultUrl: 'https://ryla--ryla-flux-comfyui-fastapi-app.modal.run/flux-dev?__modal_function_call_id=fc-01ABC',
    upstreamPosts: 1,
    attempts: 1,
    hops: 2,
    statusReason: 'upstream returned 500',
    errorCode: 'UPSTREAM_ERROR',
    errorMessage: 'The endpoint failed while sampling.',
    upstreamStatus: 500,
    upstreamDetail: 'RuntimeError: CUDA out of memory',
    costUsd: 0.01234,
    executionTimeSec: 37.5,
    gpuType: 'L40S',
    upstreamLatencyMs: 40_123.25,
    queueMs: 1_500,
    coldStart: true,
    ...overrides,
  });
}
