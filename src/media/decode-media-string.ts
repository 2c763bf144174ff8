import { MediaError } from './media-error.js';

/** The form a media string was written in: a `data:` URL or bare base64. */
export type MediaStringForm = 'DATA_URL' | 'BASE64';

/** The bytes behind a media string, with the type the sender claimed, if any. */
export interface DecodedMedia {
  bytes: Buffer;
  /** The lower-cased `type/subtype` from a data URL header; absent for bare base64. */
  declaredMediaType?: string;
  form: MediaStringForm;
}

export interface DecodeMediaOptions {
  /** Source of the value, for example `input.referenceImage`, prefixed to messages. */
  field?: string;
  /** Default: no limit. A larger decoded size is rejected before any bytes are decoded. */
  maxBytes?: number;
}

/** Maximum length of the data URL header (`data:` up to the comma) accepted; real headers are a few dozen characters. */
const MAX_DATA_URL_HEADER_LENGTH = 256;

/**
 * Standard base64 body: alphabet characters, then at most two `=`, up to the end of the string.
 * Sticky, so it runs from an offset into the original string without slicing a copy.
 */
const BASE64_BODY = /[A-Za-z0-9+/]*={0,2}$/y;
const NOT_BASE64_CHARACTER = /[^A-Za-z0-9+/=]/g;
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Decodes a media string sent by a client: either `data:<type>;base64,<payload>` or bare
 * standard base64 with `=` padding.
 *
 * Returns the bytes, the declared media type of a data URL, and which form arrived.
 * Throws `MediaError` with code `EMPTY_MEDIA` (nothing after trimming, or an empty payload),
 * `INVALID_DATA_URL` (malformed header), `INVALID_BASE64` (a character outside the standard
 * alphabet, whitespace, misplaced `=`, or a length that is not a multiple of 4) or
 * `MEDIA_TOO_LARGE` (decoded size above `options.maxBytes`).
 */
export function decodeMediaString(value: string, options: DecodeMediaOptions = {}): DecodedMedia {
  const { field } = options;

  if (!/\S/.test(value)) {
    throw new MediaError(
      'EMPTY_MEDIA',
      `expected a data URL or base64 media, but the value is ${value.length === 0 ? 'empty' : 'only whitespace'}`,
      field,
    );
  }

  if (/^data:/i.test(value)) {
    const { declaredMediaType, payloadStart } = parseDataUrlHeader(value, field);
    const bytes = decodeBase64From(value, payloadStart, 'DATA_URL', options);
    return declaredMediaType === undefined
      ? { bytes, form: 'DATA_URL' }
      : { bytes, declaredMediaType, form: 'DATA_URL' };
  }

  if (URL_SCHEME.test(value)) {
    throw new MediaError(
      'INVALID_BASE64',
      'expected base64 or a data URL, but a URL arrived; URLs are not fetched, so send the file bytes as base64',
      field,
    );
  }
  return { bytes: decodeBase64From(value, 0, 'BASE64', options), form: 'BASE64' };
}

/** Reads `data:[<type>][;param=value]*;base64,` and returns where the payload starts. */
function parseDataUrlHeader(
  value: string,
  field: string | undefined,
): { declaredMediaType: string | undefined; payloadStart: number } {
  const comma = value.indexOf(',', 5);
  if (comma === -1) {
    throw new MediaError(
      'INVALID_DATA_URL',
      'expected a data URL such as "data:image/png;base64,iVBOR...", but no comma separates the header from the payload',
      field,
    );
  }
  if (comma > MAX_DATA_URL_HEADER_LENGTH) {
    throw new MediaError(
      'INVALID_DATA_URL',
      `expected a data URL header of at most ${MAX_DATA_URL_HEADER_LENGTH} characters before the comma, but it has ${comma}`,
      field,
    );
  }

  const parts = value.slice(5, comma).split(';');
  const last = parts.pop();
  if (last?.toLowerCase() !== 'base64') {
    throw new MediaError(
      'INVALID_DATA_URL',
      `expected ";base64" right before the comma of the data URL, but the header is "${value.slice(0, comma)}"; percent-encoded data URLs are not supported`,
      field,
    );
  }

  const mediaType = (parts.shift() ?? '').toLowerCase();
  if (mediaType !== '' && !MEDIA_TYPE.test(mediaType)) {
    throw new MediaError(
      'INVALID_DATA_URL',
      `expected a media type such as "image/png" after "data:", but found "${mediaType}"`,
      field,
    );
  }
  const badParameter = parts.find((parameter) => !/^[^=\s]+=[^\s]*$/.test(parameter));
  if (badParameter !== undefined) {
    throw new MediaError(
      'INVALID_DATA_URL',
      `expected data URL parameters of the form "name=value", but found "${badParameter}"`,
      field,
    );
  }

  return { declaredMediaType: mediaType === '' ? undefined : mediaType, payloadStart: comma + 1 };
}

/** Validates standard padded base64 from `start` to the end of `value`, then decodes it. */
function decodeBase64From(
  value: string,
  start: number,
  form: MediaStringForm,
  options: DecodeMediaOptions,
): Buffer {
  const { field, maxBytes } = options;
  const length = value.length - start;
  const what = form === 'DATA_URL' ? 'the data URL payload' : 'the base64 value';

  if (length === 0) {
    throw new MediaError('EMPTY_MEDIA', `expected base64 bytes after the comma, but ${what} is empty`, field);
  }

  BASE64_BODY.lastIndex = start;
  if (!BASE64_BODY.test(value)) {
    throw new MediaError('INVALID_BASE64', describeBase64Defect(value, start, what), field);
  }
  if (length % 4 !== 0) {
    throw new MediaError(
      'INVALID_BASE64',
      `expected padded base64 whose length is a multiple of 4, but ${what} has ${length} characters; pad it with "="`,
      field,
    );
  }

  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  const byteSize = (length / 4) * 3 - padding;
  if (maxBytes !== undefined && byteSize > maxBytes) {
    throw new MediaError(
      'MEDIA_TOO_LARGE',
      `expected at most ${maxBytes} bytes of media, but ${what} decodes to ${byteSize} bytes; send a smaller file`,
      field,
    );
  }

  // A sliced string shares the original's characters in V8, so this does not copy the payload.
  return Buffer.from(start === 0 ? value : value.slice(start), 'base64');
}

/** Names the first offending character by offset and code point, never by surrounding text. */
function describeBase64Defect(value: string, start: number, what: string): string {
  NOT_BASE64_CHARACTER.lastIndex = start;
  const outside = NOT_BASE64_CHARACTER.exec(value);

  if (outside !== null) {
    const character = outside[0];
    const offset = outside.index - start;
    const codePoint = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    if (/\s/.test(character)) {
      return `expected standard base64 without whitespace, but ${what} has whitespace (${codePoint}) at offset ${offset}; remove spaces and line breaks`;
    }
    if (character === '-' || character === '_') {
      return `expected the standard base64 alphabet, but ${what} has the base64url character "${character}" at offset ${offset}; replace "-" with "+" and "_" with "/"`;
    }
    return `expected only base64 characters (A-Z, a-z, 0-9, "+", "/", "="), but ${what} has ${codePoint} at offset ${offset}`;
  }

  const misplacedPadding = value.indexOf('=', start) - start;
  return `expected "=" padding only at the end (at most two), but ${what} has "=" at offset ${misplacedPadding} followed by more characters or padding`;
}
