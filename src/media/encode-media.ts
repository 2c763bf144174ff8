import { MediaError } from './media-error.js';

/** The encoding an upstream endpoint expects for reference media in its JSON body. */
export type UpstreamMediaEncoding = 'DATA_URL' | 'BASE64';

const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/**
 * Encodes media bytes as the upstream expects them: `data:<mediaType>;base64,<payload>` for
 * `DATA_URL`, bare standard base64 for `BASE64`.
 *
 * Returns the string. Throws `MediaError` with code `INVALID_MEDIA_TYPE` when `mediaType` is
 * not a lower-case `type/subtype` (only checked for `DATA_URL`, where it is written out), and
 * `EMPTY_MEDIA` when there are no bytes.
 */
export function encodeMediaForUpstream(
  bytes: Uint8Array,
  mediaType: string,
  encoding: UpstreamMediaEncoding,
): string {
  if (bytes.byteLength === 0) {
    throw new MediaError('EMPTY_MEDIA', 'expected media bytes to encode, but got 0 bytes');
  }

  // Wrapping the existing memory avoids copying large inputs before base64 encoding.
  const payload = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  if (encoding === 'BASE64') {
    return payload;
  }

  if (!MEDIA_TYPE.test(mediaType)) {
    throw new MediaError(
      'INVALID_MEDIA_TYPE',
      `expected a lower-case media type such as "image/png" for the data URL, but got "${mediaType}"`,
    );
  }
  return `data:${mediaType};base64,${payload}`;
}
