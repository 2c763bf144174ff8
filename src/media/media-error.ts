/** Stable codes for media rejections; callers branch on these, people read the message. */
export type MediaErrorCode =
  | 'EMPTY_MEDIA'
  | 'INVALID_DATA_URL'
  | 'INVALID_BASE64'
  | 'MEDIA_TOO_LARGE'
  | 'INVALID_MEDIA_TYPE';

/**
 * A media value that cannot be used. The message states what was expected and what arrived,
 * and never contains the payload itself, because payloads are user media and can be megabytes.
 */
export class MediaError extends Error {
  override readonly name = 'MediaError';
  readonly code: MediaErrorCode;
  /** Where the value came from (for example a GraphQL argument path), when the caller gave one. */
  readonly field: string | undefined;

  constructor(code: MediaErrorCode, message: string, field?: string) {
    super(field === undefined ? message : `${field}: ${message}`);
    this.code = code;
    this.field = field;
  }
}
