/**
 * Applying a partial update to a generation record.
 */
import { StoreError } from './errors.js';
import type { GenerationRecord } from './types.js';
import { validateGenerationPatch } from './validation.js';

/** Fields fixed at insert: identity, ownership and the idempotency inputs. */
const IMMUTABLE_FIELDS = ['id', 'ownerId', 'ownerRole', 'idempotencyKey', 'inputDigest', 'createdAt'] as const;

/**
 * Returns `current` with the defined fields of `patch` applied. `updatedAt` becomes
 * `patch.updatedAt` when given, otherwise `now`. A field set to undefined is left unchanged.
 * Throws INVALID_RECORD for a field of the wrong type and IMMUTABLE_FIELD for a change to a
 * field fixed at insert (repeating its current value is allowed).
 */
export function applyGenerationPatch(
  current: GenerationRecord,
  patch: Partial<GenerationRecord>,
  now: Date,
): GenerationRecord {
  validateGenerationPatch(patch);
  assertImmutableFieldsKept(current, patch);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return { ...current, ...defined, updatedAt: patch.updatedAt ?? now };
}

function assertImmutableFieldsKept(current: GenerationRecord, patch: Partial<GenerationRecord>): void {
  for (const field of IMMUTABLE_FIELDS) {
    const next = patch[field];
    if (next === undefined || sameValue(current[field], next)) {
      continue;
    }
    throw new StoreError(
      'IMMUTABLE_FIELD',
      `Cannot change ${field} of generation ${JSON.stringify(current.id)}: it is fixed at insert. ` +
        `Remove ${field} from the patch.`,
    );
  }
}

function sameValue(left: unknown, right: unknown): boolean {
  if (left instanceof Date && right instanceof Date) {
    return left.getTime() === right.getTime();
  }
  return left === right;
}
