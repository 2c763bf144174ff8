import { describe, expect, it } from 'vitest';

import {
  sampleAnimatedWebp,
  sampleGif,
  sampleJpeg,
  sampleMp4,
  samplePng,
  sampleWebm,
  sampleWebp,
} from '../../src/emulator/samples/index.js';
import { decodeMediaString, inspectMedia, readImageDimensions, sniffMediaType } from '../../src/media/index.js';

/** Builds the start of an ISO base media file: an `ftyp` box with the given brand, then an empty `mdat`. */
function isoMediaHeader(brand: string): Buffer {
  const ftyp = Buffer.alloc(20);
  ftyp.writeUInt32BE(20, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(brand, 8, 'latin1');
  ftyp.write(brand, 16, 'latin1');
  const mdat = Buffer.from([0, 0, 0, 8, 0x6d, 0x64, 0x61, 0x74]);
  return Buffer.concat([ftyp, mdat]);
}

describe('sniffMediaType', () => {
  const cases = [
    { name: 'PNG', bytes: () => samplePng(8, 8), expected: 'image/png' },
    { name: 'JPEG', bytes: () => sampleJpeg(8, 8), expected: 'image/jpeg' },
    { name: 'still WebP', bytes: () => sampleWebp(8, 8), expected: 'image/webp' },
    { name: 'animated WebP', bytes: () => sampleAnimatedWebp({ width: 8, height: 8, frameCount: 3 }), expected: 'image/webp' },
    { name: 'GIF', bytes: () => sampleGif(), expected: 'image/gif' },
    { name: 'MP4', bytes: () => sampleMp4(), expected: 'video/mp4' },
    { name: 'WebM', bytes: () => sampleWebm(), expected: 'video/webm' },
    { name: 'QuickTime', bytes: () => isoMediaHeader('qt  '), expected: 'video/quicktime' },
  ];

  for (const { name, bytes, expected } of cases) {
    it(`detects ${name} as ${expected}`, async () => {
      expect(await sniffMediaType(bytes())).toBe(expected);
    });
  }

  it('returns undefined for unknown bytes', async () => {
    expect(await sniffMediaType(Buffer.from('just some text, not media'))).toBeUndefined();
  });

  it('trusts the bytes over a data URL declared type', async () => {
    const dataUrl = `data:image/jpeg;base64,${samplePng(16, 16).toString('base64')}`;

    const decoded = decodeMediaString(dataUrl);

    expect(decoded.declaredMediaType).toBe('image/jpeg');
    expect(await sniffMediaType(decoded.bytes)).toBe('image/png');
  });
});

describe('readImageDimensions', () => {
  it('reads PNG dimensions', () => {
    expect(readImageDimensions(samplePng(300, 200), 'image/png')).toEqual({ width: 300, height: 200 });
  });

  it('reads JPEG dimensions', () => {
    expect(readImageDimensions(sampleJpeg(17, 9), 'image/jpeg')).toEqual({ width: 17, height: 9 });
  });

  it('reads still WebP dimensions', () => {
    expect(readImageDimensions(sampleWebp(100, 60), 'image/webp')).toEqual({ width: 100, height: 60 });
  });

  it('reads the animated WebP canvas size', () => {
    const bytes = sampleAnimatedWebp({ width: 832, height: 480, frameCount: 4 });

    expect(readImageDimensions(bytes, 'image/webp')).toEqual({ width: 832, height: 480 });
  });

  it('reads GIF dimensions', () => {
    expect(readImageDimensions(sampleGif(), 'image/gif')).toEqual({ width: 1, height: 1 });
  });

  it('returns undefined when the bytes are another format than stated', () => {
    expect(readImageDimensions(samplePng(10, 10), 'image/jpeg')).toBeUndefined();
  });

  it('returns undefined for video types', () => {
    expect(readImageDimensions(sampleMp4(), 'video/mp4')).toBeUndefined();
  });

  it('returns undefined for an unreadable header', () => {
    expect(readImageDimensions(samplePng(10, 10).subarray(0, 12), 'image/png')).toBeUndefined();
  });
});

describe('inspectMedia', () => {
  it('reports type, size and dimensions of an image', async () => {
    const bytes = samplePng(40, 30);

    expect(await inspectMedia(bytes)).toEqual({ mediaType: 'image/png', byteSize: bytes.length, width: 40, height: 30 });
  });

  it('reports an animated WebP as image/webp with its canvas size', async () => {
    const bytes = sampleAnimatedWebp({ width: 64, height: 48, frameCount: 2 });

    expect(await inspectMedia(bytes)).toEqual({ mediaType: 'image/webp', byteSize: bytes.length, width: 64, height: 48 });
  });

  it('reports a video without dimensions', async () => {
    const bytes = sampleMp4();

    expect(await inspectMedia(bytes)).toEqual({ mediaType: 'video/mp4', byteSize: bytes.length });
  });

  it('reports unknown bytes with an undefined type', async () => {
    expect(await inspectMedia(Buffer.from('plain text'))).toEqual({ mediaType: undefined, byteSize: 10 });
  });
});
