import { describe, expect, it } from 'vitest';

import { samplePng } from '../../src/emulator/samples/index.js';
import { MediaError, decodeMediaString, encodeMediaForUpstream } from '../../src/media/index.js';

/** Runs `encode` and returns the MediaError it throws; fails the test when it does not throw one. */
function mediaErrorOf(encode: () => unknown): MediaError {
  try {
    encode();
  } catch (error) {
    if (error instanceof MediaError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a MediaError, but encoding succeeded');
}

describe('encodeMediaForUpstream', () => {
  const png = samplePng(4, 4);

  it('writes a data URL that decodes to the same bytes', () => {
    const encoded = encodeMediaForUpstream(png, 'image/png', 'DATA_URL');

    expect(encoded.startsWith('data:image/png;base64,iVBOR')).toBe(true);
    expect(decodeMediaString(encoded)).toEqual({ bytes: png, declaredMediaType: 'image/png', form: 'DATA_URL' });
  });

  it('writes bare base64 for BASE64', () => {
    const encoded = encodeMediaForUpstream(png, 'image/png', 'BASE64');

    expect(encoded).toBe(png.toString('base64'));
  });

  it('encodes only the viewed part of a larger buffer', () => {
    const backing = Buffer.from('xxABCyy');

    expect(encodeMediaForUpstream(backing.subarray(2, 5), 'image/png', 'BASE64')).toBe('QUJD');
  });

  it('rejects a malformed media type for a data URL', () => {
    const error = mediaErrorOf(() => encodeMediaForUpstream(png, 'Image/PNG', 'DATA_URL'));

    expect(error.code).toBe('INVALID_MEDIA_TYPE');
    expect(error.message).toBe('expected a lower-case media type such as "image/png" for the data URL, but got "Image/PNG"');
  });

  it('rejects empty bytes', () => {
    const error = mediaErrorOf(() => encodeMediaForUpstream(new Uint8Array(0), 'image/png', 'BASE64'));

    expect(error.code).toBe('EMPTY_MEDIA');
    expect(error.message).toBe('expected media bytes to encode, but got 0 bytes');
  });
});
