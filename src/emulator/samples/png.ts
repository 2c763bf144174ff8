import { crc32, deflateSync } from 'node:zlib';

import { assertPixelSize, assertRgb, type Rgb } from './pixel-size.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGB = 2;
/** Largest side accepted; the raw scanlines of a 4096 × 4096 RGB image are 48 MiB. */
const MAX_SIDE = 4096;

/**
 * Builds a real PNG of one solid colour: 8-bit RGB, zlib-compressed scanlines, correct CRCs.
 * Returns the file bytes. Throws RangeError for a side outside 1–4096 or a bad channel value.
 */
export function samplePng(width: number, height: number, rgb: Rgb = [64, 128, 192]): Buffer {
  assertPixelSize('PNG', width, height, MAX_SIDE);
  assertRgb(rgb);

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(COLOR_TYPE_RGB, 9);
  // Bytes 10–12 stay 0: deflate compression, adaptive filtering, no interlace.

  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(solidScanlines(width, height, rgb))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Each scanline is filter byte 0 (None) followed by the RGB triples of the row. */
function solidScanlines(width: number, height: number, rgb: Rgb): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x += 1) {
    row[1 + x * 3] = rgb[0];
    row[2 + x * 3] = rgb[1];
    row[3 + x * 3] = rgb[2];
  }

  const scanlines = Buffer.allocUnsafe(row.length * height);
  for (let y = 0; y < height; y += 1) {
    row.copy(scanlines, y * row.length);
  }
  return scanlines;
}

/** Length, type, data, then the CRC-32 of type and data (PNG specification, section 5.3). */
function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const chunk = Buffer.alloc(8 + data.length + 4);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return chunk;
}
