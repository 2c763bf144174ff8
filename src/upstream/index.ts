/**
 * The Modal upstream client: HTTP calls from the gateway to the Modal GPU endpoints.
 */
export { createModalClient } from './modal-client.js';
export type {
  HealthProbe,
  ModalClient,
  ModalClientOptions,
  UpstreamResult,
  ProxyAuth,
  ResumeRequest,
  SubmitRequest,
  UpstreamEvent,
} from './client-types.js';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_CONNECTIONS,
  DEFAULT_MAX_HOPS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_REQUEST_CAP_SECONDS,
  STALL_MARGIN_SECONDS,
} from './client-options.js';
export { buildModalOrigin, normalizeOrigin, validateResultUrl } from './modal-origin.js';
export { parseErrorBody, MAX_DETAIL_CHARS, MAX_MESSAGE_CHARS, type ParsedErrorBody } from './error-body.js';
export { readModalHeaders, type ModalResponseHeaders } from './response-headers.js';
export { computeBackoffMs, DEFAULT_RETRY, isPlatformRejection, parseRetryAfterMs, type RetryOptions } from './retry-policy.js';
export {
  isUpstreamError,
  UPSTREAM_ERROR_CODES,
  UpstreamError,
  type UpstreamErrorCode,
  type UpstreamErrorDetails,
} from './upstream-error.js';
