/**
 * When a POST to Modal may be sent again, and how long to wait first.
 *
 * A second POST starts a second paid GPU job, so the client retries only when the first one
 * provably never reached the app. That is the case when the connection could not be
 * established, or when the Modal platform rejected the request before handing it to the app
 * (429, or 502/503 with a text body instead of one of the app's JSON error shapes).
 */

/** Bounds of the retry loop for one `submit`. */
export interface RetryOptions {
  /** Total POST attempts, including the first. 1 disables retries. */
  attempts: number;
  /** Backoff before the first retry, in milliseconds. It doubles on each further retry. */
  baseDelayMs: number;
  /** Upper bound of any single backoff, in milliseconds, including one set by `Retry-After`. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 3, baseDelayMs: 250, maxDelayMs: 4000 };

/**
 * Computes the backoff before retry number `retry` (1 for the first retry) with "equal jitter":
 * a random value between half and all of `min(maxDelayMs, baseDelayMs * 2^(retry-1))`. The
 * lower half bound keeps retries spread out, and the random half keeps many gateways from
 * retrying in step.
 */
export function computeBackoffMs(retry: number, options: RetryOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Parses a `Retry-After` header (delay seconds or an HTTP date) into milliseconds from `nowMs`.
 * Returns undefined when the header is absent or does not parse.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^[0-9]+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Returns whether an HTTP status with its parsed body shows that the Modal platform rejected the
 * request before the app received it. 502/503 bodies in the app's JSON shapes come from the app
 * itself, which may already have started work.
 */
export function isPlatformRejection(status: number, bodyFromApp: boolean): boolean {
  if (status === 429) {
    return true;
  }
  return (status === 502 || status === 503) && !bodyFromApp;
}

/** Checks the retry options and fills in defaults. Throws a TypeError that names the invalid field. */
export function resolveRetryOptions(partial: Partial<RetryOptions> | undefined): RetryOptions {
  const options = { ...DEFAULT_RETRY, ...partial };
  if (!Number.isInteger(options.attempts) || options.attempts < 1) {
    throw new TypeError(`Invalid retry.attempts ${String(options.attempts)}: expected an integer of at least 1 (1 disables retries).`);
  }
  for (const field of ['baseDelayMs', 'maxDelayMs'] as const) {
    const value = options[field];
    if (!Number.isFinite(value) || value < 0) {
      throw new TypeError(`Invalid retry.${field} ${String(value)}: expected a non-negative number of milliseconds.`);
    }
  }
  if (options.maxDelayMs < options.baseDelayMs) {
    throw new TypeError(
      `Invalid retry.maxDelayMs ${options.maxDelayMs}: expected at least retry.baseDelayMs (${options.baseDelayMs}).`,
    );
  }
  return options;
}
