import { describe, expect, it } from 'vitest';

import { MediaError, decodeMediaString, type MediaErrorCode } from '../../src/media/index.js';

const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
const base64 = bytes.toString('base64'); // "iVBORwD/"

/** Runs `decode` and returns the MediaError it throws; fails the test when it does not throw one. */
function mediaErrorOf(decode: () => unknown): MediaError {
  try {
    decode();
  } catch (error) {
    if (error instanceof MediaError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a MediaError, but decoding succeeded');
}

describe('decodeMediaString', () => {
  it('decodes a data URL with its declared type', () => {
    const decoded = decodeMediaString(`data:image/png;base64,${base64}`);

    expect(decoded).toEqual({ bytes, declaredMediaType: 'image/png', form: 'DATA_URL' });
  });

  it('lower-cases the declared type and skips parameters', () => {
    const decoded = decodeMediaString(`DATA:Image/JPEG;name=face.jpg;base64,${base64}`);

    expect(decoded.declaredMediaType).toBe('image/jpeg');
    expect(decoded.bytes.equals(bytes)).toBe(true);
  });

  it('leaves the declared type out when a data URL has none', () => {
    const decoded = decodeMediaString(`data:;base64,${base64}`);

    expect(decoded).toEqual({ bytes, form: 'DATA_URL' });
    expect('declaredMediaType' in decoded).toBe(false);
  });

  it('decodes bare base64 without a declared type', () => {
    const decoded = decodeMediaString(base64);

    expect(decoded).toEqual({ bytes, form: 'BASE64' });
  });

  it('decodes one and two padding characters', () => {
    expect([...decodeMediaString('QQ==').bytes]).toEqual([0x41]);
    expect([...decodeMediaString('QUI=').bytes]).toEqual([0x41, 0x42]);
  });

  const rejections: { name: string; value: string; code: MediaErrorCode; message: string }[] = [
    { name: 'empty string', value: '', code: 'EMPTY_MEDIA', message: 'expected a data URL or base64 media, but the value is empty' },
    {
      name: 'whitespace only',
      value: ' \n\t ',
      code: 'EMPTY_MEDIA',
      message: 'expected a data URL or base64 media, but the value is only whitespace',
    },
    {
      name: 'data URL without payload',
      value: 'data:image/png;base64,',
      code: 'EMPTY_MEDIA',
      message: 'expected base64 bytes after the comma, but the data URL payload is empty',
    },
    {
      name: 'character outside the alphabet',
      value: 'AAA*',
      code: 'INVALID_BASE64',
      message: 'expected only base64 characters (A-Z, a-z, 0-9, "+", "/", "="), but the base64 value has U+002A at offset 3',
    },
    {
      name: 'line break inside',
      value: 'AAAA\nAAAA',
      code: 'INVALID_BASE64',
      message:
        'expected standard base64 without whitespace, but the base64 value has whitespace (U+000A) at offset 4; remove spaces and line breaks',
    },
    {
      name: 'trailing newline',
      value: 'AAAA\n',
      code: 'INVALID_BASE64',
      message:
        'expected standard base64 without whitespace, but the base64 value has whitespace (U+000A) at offset 4; remove spaces and line breaks',
    },
    {
      name: 'base64url alphabet',
      value: 'ab-_',
      code: 'INVALID_BASE64',
      message:
        'expected the standard base64 alphabet, but the base64 value has the base64url character "-" at offset 2; replace "-" with "+" and "_" with "/"',
    },
    {
      name: 'missing padding',
      value: 'QUI',
      code: 'INVALID_BASE64',
      message: 'expected padded base64 whose length is a multiple of 4, but the base64 value has 3 characters; pad it with "="',
    },
    {
      name: 'padding in the middle',
      value: 'QQ==QQ==',
      code: 'INVALID_BASE64',
      message: 'expected "=" padding only at the end (at most two), but the base64 value has "=" at offset 2 followed by more characters or padding',
    },
    {
      name: 'three padding characters',
      value: 'Q===',
      code: 'INVALID_BASE64',
      message: 'expected "=" padding only at the end (at most two), but the base64 value has "=" at offset 1 followed by more characters or padding',
    },
    {
      name: 'invalid data URL payload',
      value: 'data:image/png;base64,AA AA',
      code: 'INVALID_BASE64',
      message:
        'expected standard base64 without whitespace, but the data URL payload has whitespace (U+0020) at offset 2; remove spaces and line breaks',
    },
    {
      name: 'percent-encoded data URL',
      value: 'data:image/png,%89PNG',
      code: 'INVALID_DATA_URL',
      message:
        'expected ";base64" right before the comma of the data URL, but the header is "data:image/png"; percent-encoded data URLs are not supported',
    },
    {
      name: 'data URL without comma',
      value: 'data:image/png;base64',
      code: 'INVALID_DATA_URL',
      message: 'expected a data URL such as "data:image/png;base64,iVBOR...", but no comma separates the header from the payload',
    },
    {
      name: 'malformed media type',
      value: 'data:image png;base64,AAAA',
      code: 'INVALID_DATA_URL',
      message: 'expected a media type such as "image/png" after "data:", but found "image png"',
    },
    {
      name: 'malformed parameter',
      value: 'data:image/png;charset;base64,AAAA',
      code: 'INVALID_DATA_URL',
      message: 'expected data URL parameters of the form "name=value", but found "charset"',
    },
    {
      name: 'URL instead of bytes',
      value: 'https://cdn.invalid/face.png',
      code: 'INVALID_BASE64',
      message: 'expected base64 or a data URL, but a URL arrived; URLs are not fetched, so send the file bytes as base64',
    },
  ];

  for (const { name, value, code, message } of rejections) {
    it(`rejects ${name}`, () => {
      const error = mediaErrorOf(() => decodeMediaString(value));

      expect(error.code).toBe(code);
      expect(error.message).toBe(message);
      expect(error.name).toBe('MediaError');
    });
  }

  it('rejects an over-long data URL header', () => {
    const error = mediaErrorOf(() => decodeMediaString(`data:image/png;${'x=y;'.repeat(80)}base64,AAAA`));

    expect(error.code).toBe('INVALID_DATA_URL');
    expect(error.message).toBe('expected a data URL header of at most 256 characters before the comma, but it has 341');
  });

  it('never echoes the payload in a message', () => {
    const payload = `${'U0VDUkVU'.repeat(1000)}*`;

    const error = mediaErrorOf(() => decodeMediaString(`data:image/png;base64,${payload}`));

    expect(error.message).not.toContain('U0VDUkVU');
    expect(error.message).toContain('at offset 8000');
  });

  it('prefixes the field and keeps it on the error', () => {
    const error = mediaErrorOf(() => decodeMediaString('', { field: 'input.referenceImage' }));

    expect(error.field).toBe('input.referenceImage');
    expect(error.message).toBe('input.referenceImage: expected a data URL or base64 media, but the value is empty');
  });

  it('rejects media above maxBytes before decoding', () => {
    const error = mediaErrorOf(() => decodeMediaString('QUJDREVG', { maxBytes: 5 }));

    expect(error.code).toBe('MEDIA_TOO_LARGE');
    expect(error.message).toBe('expected at most 5 bytes of media, but the base64 value decodes to 6 bytes; send a smaller file');
  });

  it('accepts media of exactly maxBytes, counting padding', () => {
    expect(decodeMediaString('QUJDREVG', { maxBytes: 6 }).bytes.toString()).toBe('ABCDEF');
    expect(decodeMediaString('QUJDRA==', { maxBytes: 4 }).bytes.toString()).toBe('ABCD');
  });
});
