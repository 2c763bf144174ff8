import { randomUUID } from 'node:crypto';

/** Prefixes of record ids: generations, artifacts and ratings. */
export type RecordIdPrefix = 'gen' | 'art' | 'rat';

/** Returns a new random id such as 'gen_3f2a…' (the prefix, '_' and 32 hex digits of a UUID v4). */
export function newRecordId(prefix: RecordIdPrefix): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}
