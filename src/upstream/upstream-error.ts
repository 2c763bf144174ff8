/**
 * The error type of the Modal client. Every failure of `submit`, `resume` and the helpers
 * carries a stable `code` and a flag for whether a paid GPU job may already be running upstream.
 */

/** Stable failure codes. Callers branch on these, never on the message. */
export const UPSTREAM_ERROR_CODES = [
  'UPSTREAM_HTTP_ERROR',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_HEADERS_TIMEOUT',
  'UPSTREAM_BODY_TIMEOUT',
  'UPSTREAM_CONNECTION_FAILED',
  'UPSTREAM_CONNECTION_RESET',
  'UPSTREAM_TRUNCATED',
  'UPSTREAM_CANCELED',
  'UPSTREAM_BAD_REDIRECT',
  'UPSTREAM_BODY_TOO_LARGE',
] as const;

export type UpstreamErrorCode = (typeof UPSTREAM_ERROR_CODES)[number];

/** Fields of an {@link UpstreamError} besides its code and message. */
export interface UpstreamErrorDetails {
  /**
   * True when the request may have reached Modal, so a GPU job may be running or finished.
   * Sending the POST again could then start a second paid job.
   */
  jobMayHaveStarted: boolean;
  /** POST attempts made, including the failed one (0 when nothing was sent). */
  attempts?: number;
  /** Modal app name, such as `ryla-flux`. */
  app?: string;
  /** Endpoint path, such as `/flux-dev`. */
  path?: string;
  /** HTTP status of the response, for `UPSTREAM_HTTP_ERROR` and responses that failed mid-body. */
  status?: number;
  /** Upstream error text (traceback, validation items or text body), at most 4 KB. */
  detail?: string;
  /** Exception class name from a `{"error","details","type"}` body, such as `RuntimeError`. */
  upstreamType?: string;
  /** Result URL handed out by a 303. `resume` can continue waiting on it. */
  resultUrl?: string;
  /** GET requests made on result URLs before the failure. */
  hops?: number;
  cause?: unknown;
}

/**
 * A failed call to a Modal endpoint. The message never contains proxy credentials or request
 * bodies, so it is safe to log and to return to API clients.
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly code: UpstreamErrorCode;
  readonly jobMayHaveStarted: boolean;
  readonly attempts: number;
  readonly app: string | undefined;
  readonly path: string | undefined;
  readonly status: number | undefined;
  readonly detail: string | undefined;
  readonly upstreamType: string | undefined;
  readonly resultUrl: string | undefined;
  readonly hops: number;

  constructor(code: UpstreamErrorCode, message: string, details: UpstreamErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.jobMayHaveStarted = details.jobMayHaveStarted;
    this.attempts = details.attempts ?? 0;
    this.app = details.app;
    this.path = details.path;
    this.status = details.status;
    this.detail = details.detail;
    this.upstreamType = details.upstreamType;
    this.resultUrl = details.resultUrl;
    this.hops = details.hops ?? 0;
  }
}

/** Returns whether `value` is an {@link UpstreamError}, optionally with the given code. */
export function isUpstreamError(value: unknown, code?: UpstreamErrorCode): value is UpstreamError {
  return value instanceof UpstreamError && (code === undefined || value.code === code);
}
