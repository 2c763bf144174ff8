/**
 * Opaque pagination cursors: base64url of the JSON array [createdAtMs, id] of the last item
 * on a page, matching the order (created_at desc, id desc).
 */
import { StoreError, quoteForMessage } from './errors.js';
import type { GenerationRecord } from './types.js';

export interface CursorPosition {
  createdAtMs: number;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAtMs, position.id]), 'utf8').toString('base64url');
}

/**
 * Returns the cursor of one generation, for a GraphQL edge: passing it as `after` continues
 * the listing right after this generation.
 */
export function cursorFor(record: Pick<GenerationRecord, 'createdAt' | 'id'>): string {
  return encodeCursor({ createdAtMs: record.createdAt.getTime(), id: record.id });
}

/** Decodes a cursor made by `encodeCursor`; throws INVALID_CURSOR for anything else. */
export function decodeCursor(cursor: string): CursorPosition {
  const position = tryDecode(cursor);
  if (position === null) {
    throw new StoreError(
      'INVALID_CURSOR',
      `Invalid cursor ${quoteForMessage(cursor)} in "after": expected the endCursor of a previous page. ` +
        'Request the first page without "after" and follow its endCursor.',
    );
  }
  return position;
}

function tryDecode(cursor: string): CursorPosition | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
    return null;
  }
  const bytes = Buffer.from(cursor, 'base64url');
  // Node skips characters it cannot decode, so only a cursor that re-encodes to itself is ours.
  if (bytes.toString('base64url') !== cursor) {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) {
    return null;
  }
  const [createdAtMs, id] = parsed as unknown[];
  if (typeof createdAtMs !== 'number' || !Number.isSafeInteger(createdAtMs)) {
    return null;
  }
  if (typeof id !== 'string' || id === '') {
    return null;
  }
  return { createdAtMs, id };
}
