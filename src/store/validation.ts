/**
 * Checks of records, patches and filters before they reach SQL. A rejection is a StoreError
 * with code INVALID_RECORD or INVALID_ARGUMENT that names the field and the expected value.
 */
import { z } from 'zod';
import { StoreError } from './errors.js';
import { GENERATION_STATUSES } from './types.js';
import type { ArtifactRecord, GenerationRecord, GenerationStatus, RatingRecord } from './types.js';

const nonEmpty = z.string().min(1);
const count = z.number().int().nonnegative();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters');
const statusSchema = z.enum(GENERATION_STATUSES);

/** JSON object whose values survive JSON.stringify and JSON.parse unchanged. */
const jsonObject = z.record(z.string(), z.unknown()).superRefine((value, context) => {
  const problem = findNonJsonValue(value, '');
  if (problem !== null) {
    context.addIssue({ code: 'custom', message: problem });
  }
});

const generationSchema = z.strictObject({
  id: nonEmpty,
  ownerId: nonEmpty,
  ownerRole: z.enum(['client', 'internal']),
  endpoint: nonEmpty,
  app: nonEmpty,
  status: statusSchema,
  inputs: jsonObject,
  appliedDefaults: jsonObject,
  inputDigest: sha256Hex,
  idempotencyKey: nonEmpty.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  deadlineAt: z.date(),
  resultUrl: nonEmpty.nullable(),
  upstreamPosts: count,
  attempts: count,
  hops: count,
  statusReason: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  upstreamStatus: z.number().int().nullable(),
  upstreamDetail: z.string().nullable(),
  costUsd: z.number().nonnegative().nullable(),
  executionTimeSec: z.number().nonnegative().nullable(),
  gpuType: z.string().nullable(),
  upstreamLatencyMs: z.number().nonnegative().nullable(),
  queueMs: z.number().nonnegative().nullable(),
  coldStart: z.boolean().nullable(),
});

const generationPatchSchema = generationSchema.partial();

const artifactSchema = z.strictObject({
  id: nonEmpty,
  generationId: nonEmpty,
  mediaType: nonEmpty,
  declaredContentType: z.string().nullable(),
  byteSize: count,
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  sha256: sha256Hex,
  storageKey: sha256Hex,
  createdAt: z.date(),
});

const ratingSchema = z.strictObject({
  id: nonEmpty,
  endpoint: nonEmpty,
  generationId: nonEmpty.nullable(),
  score: z.number(),
  note: z.string().nullable(),
  authorId: nonEmpty,
  createdAt: z.date(),
});

/** Throws INVALID_RECORD unless `record` is a complete, well-typed generation. */
export function validateGeneration(record: GenerationRecord): void {
  parseOrThrow(generationSchema, record, 'generation', 'INVALID_RECORD');
}

/** Throws INVALID_RECORD unless every field of `patch` has the type of that generation field. */
export function validateGenerationPatch(patch: Partial<GenerationRecord>): void {
  parseOrThrow(generationPatchSchema, patch, 'generation patch', 'INVALID_RECORD');
}

/** Throws INVALID_RECORD unless `record` is a complete, well-typed artifact. */
export function validateArtifact(record: ArtifactRecord): void {
  parseOrThrow(artifactSchema, record, 'artifact', 'INVALID_RECORD');
}

/** Throws INVALID_RECORD unless `record` is a complete, well-typed rating. */
export function validateRating(record: RatingRecord): void {
  parseOrThrow(ratingSchema, record, 'rating', 'INVALID_RECORD');
}

/** Throws INVALID_ARGUMENT unless `statuses` is a non-empty list of known statuses. */
export function validateStatuses(statuses: readonly GenerationStatus[], place: string): void {
  parseOrThrow(z.array(statusSchema).min(1), statuses, place, 'INVALID_ARGUMENT');
}

/** Throws INVALID_ARGUMENT unless `value` is a valid Date. */
export function validateDate(value: Date, place: string): void {
  parseOrThrow(z.date(), value, place, 'INVALID_ARGUMENT');
}

/** Throws INVALID_ARGUMENT unless `value` is an array of strings. */
export function validateIds(value: readonly string[], place: string): void {
  parseOrThrow(z.array(z.string()), value, place, 'INVALID_ARGUMENT');
}

/** Throws INVALID_ARGUMENT unless `value` is a string (an optional filter that is present). */
export function validateFilterString(value: string, place: string): void {
  parseOrThrow(nonEmpty, value, place, 'INVALID_ARGUMENT');
}

function parseOrThrow(
  schema: z.ZodType,
  value: unknown,
  place: string,
  code: 'INVALID_RECORD' | 'INVALID_ARGUMENT',
): void {
  const result = schema.safeParse(value);
  if (result.success) {
    return;
  }
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(value)';
    return `${path}: ${issue.message}`;
  });
  throw new StoreError(code, `Invalid ${place}: ${problems.join('; ')}. Fix these fields and retry.`);
}

/**
 * Returns a description of the first value under `value` that JSON cannot carry exactly, or null.
 * Unsafe integers are rejected because JSON.parse would read them back as a different number.
 * Seeds and other 64-bit values must arrive as decimal strings.
 */
function findNonJsonValue(value: unknown, path: string): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return null;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return `${path || '(value)'} is ${value}; expected a finite number`;
    }
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return `${path || '(value)'} is the unsafe integer ${value}; pass integers beyond 2^53-1 as decimal strings`;
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = findNonJsonValue(item, `${path}[${index}]`);
      if (problem !== null) {
        return problem;
      }
    }
    return null;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = findNonJsonValue(item, path ? `${path}.${key}` : key);
      if (problem !== null) {
        return problem;
      }
    }
    return null;
  }
  const kind = typeof value === 'object' ? describeObjectKind(value) : typeof value;
  return `${path || '(value)'} is a ${kind}; expected null, a boolean, a number, a string, an array or a plain object`;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describeObjectKind(value: object): string {
  const constructorName: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof constructorName === 'string' && constructorName !== '' ? constructorName : 'object';
}
