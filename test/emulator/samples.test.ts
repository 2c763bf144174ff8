import { crc32, inflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { sampleAnimatedWebp, sampleJpeg, samplePng, sampleWebp } from '../../src/emulator/samples/index.js';

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
}

function pngChunks(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    chunks.push({ type, data, crc: png.readUInt32BE(offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

/** Top-level RIFF chunk fourCCs of a WebP file, in order. */
function riffChunkTypes(webp: Buffer): string[] {
  const types: string[] = [];
  for (let offset = 12; offset < webp.length; ) {
    const size = webp.readUInt32LE(offset + 4);
    types.push(webp.toString('latin1', offset, offset + 4));
    offset += 8 + size + (size % 2);
  }
  return types;
}

describe('samplePng', () => {
  it('writes IHDR, IDAT, IEND with correct CRCs', () => {
    const chunks = pngChunks(samplePng(5, 3));

    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const chunk of chunks) {
      expect(chunk.crc, chunk.type).toBe(crc32(Buffer.concat([Buffer.from(chunk.type, 'latin1'), chunk.data])));
    }
  });

  it('stores unfiltered scanlines of the requested colour', () => {
    const idat = pngChunks(samplePng(2, 2, [1, 2, 3])).find((chunk) => chunk.type === 'IDAT');

    const scanlines = inflateSync(idat?.data ?? Buffer.alloc(0));

    expect([...scanlines]).toEqual([0, 1, 2, 3, 1, 2, 3, 0, 1, 2, 3, 1, 2, 3]);
  });

  it('rejects a side above 4096', () => {
    expect(() => samplePng(4097, 1)).toThrow(new RangeError('PNG width must be an integer from 1 to 4096, but got 4097'));
  });

  it('rejects a channel above 255', () => {
    expect(() => samplePng(1, 1, [0, 256, 0])).toThrow(
      new RangeError('colour channels must be integers from 0 to 255, but got [0, 256, 0]'),
    );
  });
});

describe('sampleJpeg', () => {
  it('is a baseline JFIF with SOF0, DHT, SOS and EOI', () => {
    const jpeg = sampleJpeg(16, 8);

    expect([...jpeg.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(jpeg.toString('latin1', 6, 11)).toBe('JFIF\0');
    expect(jpeg.includes(Buffer.from([0xff, 0xc0]))).toBe(true);
    expect(jpeg.includes(Buffer.from([0xff, 0xc4]))).toBe(true);
    expect(jpeg.includes(Buffer.from([0xff, 0xda]))).toBe(true);
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('rejects a zero height', () => {
    expect(() => sampleJpeg(8, 0)).toThrow(new RangeError('JPEG height must be an integer from 1 to 8192, but got 0'));
  });
});

describe('sampleWebp', () => {
  it('holds one VP8L chunk', () => {
    expect(riffChunkTypes(sampleWebp(3, 3))).toEqual(['VP8L']);
  });
});

describe('sampleAnimatedWebp', () => {
  it('writes VP8X with the animation flag, ANIM, and one ANMF per frame', () => {
    const webp = sampleAnimatedWebp({ width: 10, height: 6, frameCount: 4, frameDurationMs: 40 });

    expect(webp.toString('latin1', 0, 4)).toBe('RIFF');
    expect(webp.readUInt32LE(4)).toBe(webp.length - 8);
    expect(riffChunkTypes(webp)).toEqual(['VP8X', 'ANIM', 'ANMF', 'ANMF', 'ANMF', 'ANMF']);
    expect(webp[20]).toBe(0x02);
  });

  it('stores each frame duration', () => {
    const webp = sampleAnimatedWebp({ width: 10, height: 6, frameCount: 2, frameDurationMs: 40 });
    const firstFrame = webp.indexOf('ANMF', 0, 'latin1') + 8;

    expect(webp.readUIntLE(firstFrame + 12, 3)).toBe(40);
  });

  it('rejects a single frame', () => {
    expect(() => sampleAnimatedWebp({ width: 4, height: 4, frameCount: 1 })).toThrow(
      new RangeError('animated WebP frameCount must be an integer of at least 2, but got 1'),
    );
  });
});
