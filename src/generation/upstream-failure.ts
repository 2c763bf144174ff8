/**
 * Turns an upstream failure into what a FAILED generation records. The error code, message and
 * status reason are shown to clients, so they name the kind of failure only. The endpoint's
 * HTTP status and its own error text go to `upstreamStatus` and `upstreamDetail`, which only
 * the internal role can read.
 */
import type { UpstreamError, UpstreamErrorCode } from '../upstream/index.js';

/** The fields of a FAILED generation that describe why it failed. */
export interface RecordedFailure {
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly statusReason: string;
  readonly upstreamStatus: number | null;
  readonly upstreamDetail: string;
}

/** Longest `upstreamDetail` kept, in characters. */
const MAX_UPSTREAM_DETAIL_CHARS = 8192;

const NOT_SENT_AGAIN = 'It was not sent again, because a GPU job may have started.';

const REASONS: Partial<Record<UpstreamErrorCode, string>> = {
  UPSTREAM_HTTP_ERROR: 'The endpoint rejected the request or failed while running it.',
  UPSTREAM_HEADERS_TIMEOUT: `The endpoint sent no response in time. ${NOT_SENT_AGAIN}`,
  UPSTREAM_BODY_TIMEOUT: `The endpoint stopped sending its output. ${NOT_SENT_AGAIN}`,
  UPSTREAM_TRUNCATED: `The connection closed before the whole output arrived. ${NOT_SENT_AGAIN}`,
  UPSTREAM_CONNECTION_RESET: `The connection closed before a response arrived. ${NOT_SENT_AGAIN}`,
  UPSTREAM_BAD_REDIRECT: 'The endpoint answered with a result URL the gateway cannot follow.',
  UPSTREAM_BODY_TOO_LARGE: 'The output is larger than the gateway accepts.',
  UPSTREAM_CANCELED: 'The request to the endpoint was canceled.',
};

/** Describes a failure other than a deadline, which ends the generation as TIMED_OUT instead. */
export function describeUpstreamFailure(error: UpstreamError): RecordedFailure {
  const upstreamStatus = error.status ?? null;
  const upstreamDetail = [error.message, error.detail].filter(Boolean).join('\n').slice(0, MAX_UPSTREAM_DETAIL_CHARS);

  if (error.code === 'UPSTREAM_CONNECTION_FAILED') {
    return {
      errorCode: 'UPSTREAM_UNREACHABLE',
      errorMessage: 'The endpoint could not be reached; no job was started.',
      statusReason: `The endpoint could not be reached after ${error.attempts || 1} attempt(s); no job was started.`,
      upstreamStatus,
      upstreamDetail,
    };
  }
  return {
    errorCode: error.code === 'UPSTREAM_HTTP_ERROR' ? 'UPSTREAM_ERROR' : error.code,
    errorMessage: 'The endpoint failed to produce an output.',
    statusReason: REASONS[error.code] ?? 'The endpoint failed to produce an output.',
    upstreamStatus,
    upstreamDetail,
  };
}
