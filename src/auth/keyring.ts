/**
 * API key authentication. Keys are compared as SHA-256 digests with `timingSafeEqual`, and every
 * configured key is compared on every request, so the time taken reveals neither which key
 * matched nor how much of a wrong key was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

import type { ApiKeyEntry, Role } from '../config/config.js';

/** The caller behind a valid key. */
export interface Principal {
  readonly role: Role;
  /** A stable fingerprint of the key, safe to store and log: `key_` and 16 hex digits. */
  readonly ownerId: string;
}

/** Checks bearer tokens against the configured keys. */
export interface Keyring {
  /** Returns the principal for an `Authorization` header value, or null for a missing or unknown key. */
  authenticate(authorization: string | undefined): Principal | null;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Returns the fingerprint stored as a generation's owner for `key`. */
export function fingerprintKey(key: string): string {
  return `key_${digest(key).toString('hex').slice(0, 16)}`;
}

/** Builds a keyring from configured entries. */
export function createKeyring(entries: readonly ApiKeyEntry[]): Keyring {
  const prepared = entries.map((entry) => ({
    digest: digest(entry.key),
    principal: { role: entry.role, ownerId: fingerprintKey(entry.key) } satisfies Principal,
  }));

  return {
    authenticate(authorization) {
      const token = parseBearer(authorization);
      if (token === null) {
        return null;
      }
      const presented = digest(token);
      let match: Principal | null = null;
      for (const candidate of prepared) {
        if (timingSafeEqual(candidate.digest, presented)) {
          match = candidate.principal;
        }
      }
      return match;
    },
  };
}

function parseBearer(authorization: string | undefined): string | null {
  if (!authorization) {
    return null;
  }
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
  return match?.[1] ?? null;
}
