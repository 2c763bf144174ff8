/**
 * Builds a large, valid PNG of random pixels for the memory benchmark. Random pixels do not
 * compress, and the IDAT stream uses stored (uncompressed) deflate blocks, so the file size is
 * close to the raw scanline size and building it takes milliseconds.
 */
import { randomFillSync } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_RGB = 2;

/** A generated PNG and its pixel size. */
export interface LargePng {
  readonly bytes: Buffer;
  readonly width: number;
  readonly height: number;
}

/**
 * Builds a square 8-bit RGB PNG of random pixels whose file size is just below `targetBytes`.
 *
 * @throws RangeError when `targetBytes` is below 1 KiB.
 */
export function buildLargePng(targetBytes: number): LargePng {
  if (targetBytes < 1024) {
    throw new RangeError(`buildLargePng: expected a target of at least 1024 bytes, got ${targetBytes}`);
  }
  // Each row is one filter byte and three bytes per pixel; the rest of the file is < 1 KiB
  // plus 5 bytes of stored-block header per 65,535 bytes.
  const budget = targetBytes - 1024 - Math.ceil(targetBytes / 65_535) * 5;
  const side = Math.floor((-1 + Math.sqrt(1 + 12 * budget)) / 6);

  const rowBytes = 1 + side * 3;
  const scanlines = Buffer.allocUnsafe(rowBytes * side);
  randomFillSync(scanlines);
  for (let y = 0; y < side; y += 1) {
    scanlines[y * rowBytes] = 0; // filter type None
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(COLOR_TYPE_RGB, 9);

  const bytes = Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(scanlines, { level: 0 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return { bytes, width: side, height: side };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}
