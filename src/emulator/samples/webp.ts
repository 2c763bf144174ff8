import { assertPixelSize, assertRgb, type Rgb } from './pixel-size.js';

/** VP8L stores width − 1 and height − 1 in 14 bits each. */
const MAX_SIDE = 16384;
const VP8L_SIGNATURE = 0x2f;
const VP8X_FLAG_ANIMATION = 0x02;
/** ANMF flags: bit 1 set means "do not blend", bit 0 clear means "do not dispose". */
const ANMF_FLAGS_NO_BLEND = 0x02;
const MAX_FRAME_DURATION_MS = 0xffffff;

export interface AnimatedWebpOptions {
  width: number;
  height: number;
  /** Default 2. At least 2, because one frame is not an animation. */
  frameCount?: number;
  /** Default 100. Display time of each frame in milliseconds (24-bit field). */
  frameDurationMs?: number;
  /** Default [40, 160, 90]. Colour of the first frame; later frames shift the red channel. */
  rgb?: Rgb;
}

/**
 * Builds a real lossless still WebP (RIFF/VP8L) of one solid colour.
 * Returns the file bytes. Throws RangeError for a side outside 1–16384 or a bad channel value.
 */
export function sampleWebp(width: number, height: number, rgb: Rgb = [40, 160, 90]): Buffer {
  assertPixelSize('WebP', width, height, MAX_SIDE);
  assertRgb(rgb);
  return riffWebp([riffChunk('VP8L', vp8lSolidImage(width, height, rgb))]);
}

/**
 * Builds a real animated WebP: a VP8X header with the animation flag, an ANIM chunk (loop
 * forever) and one ANMF chunk per frame, each holding a full-canvas solid-colour VP8L image.
 * Returns the file bytes. Throws RangeError for a bad size, frame count, duration or colour.
 */
export function sampleAnimatedWebp(options: AnimatedWebpOptions): Buffer {
  const { width, height, frameCount = 2, frameDurationMs = 100, rgb = [40, 160, 90] } = options;
  assertPixelSize('WebP', width, height, MAX_SIDE);
  assertRgb(rgb);
  if (!Number.isInteger(frameCount) || frameCount < 2) {
    throw new RangeError(`animated WebP frameCount must be an integer of at least 2, but got ${frameCount}`);
  }
  if (!Number.isInteger(frameDurationMs) || frameDurationMs < 0 || frameDurationMs > MAX_FRAME_DURATION_MS) {
    throw new RangeError(
      `animated WebP frameDurationMs must be an integer from 0 to ${MAX_FRAME_DURATION_MS}, but got ${frameDurationMs}`,
    );
  }

  const header = Buffer.alloc(10);
  header.writeUInt8(VP8X_FLAG_ANIMATION, 0);
  header.writeUIntLE(width - 1, 4, 3);
  header.writeUIntLE(height - 1, 7, 3);

  const animation = Buffer.alloc(6);
  animation.writeUInt32LE(0xffffffff, 0); // background colour (BGRA), opaque white
  animation.writeUInt16LE(0, 4); // loop count 0: loop forever

  const frames: Buffer[] = [];
  for (let index = 0; index < frameCount; index += 1) {
    const frameRgb: Rgb = [(rgb[0] + index * 40) % 256, rgb[1], rgb[2]];
    frames.push(riffChunk('ANMF', animationFrame(width, height, frameDurationMs, frameRgb)));
  }

  return riffWebp([riffChunk('VP8X', header), riffChunk('ANIM', animation), ...frames]);
}

function animationFrame(width: number, height: number, durationMs: number, rgb: Rgb): Buffer {
  const frameHeader = Buffer.alloc(16);
  // Bytes 0–5 stay 0: the frame starts at the canvas origin.
  frameHeader.writeUIntLE(width - 1, 6, 3);
  frameHeader.writeUIntLE(height - 1, 9, 3);
  frameHeader.writeUIntLE(durationMs, 12, 3);
  frameHeader.writeUInt8(ANMF_FLAGS_NO_BLEND, 15);
  return Buffer.concat([frameHeader, riffChunk('VP8L', vp8lSolidImage(width, height, rgb))]);
}

/**
 * Encodes a solid image as a VP8L bitstream (RFC 9649). Each of the five prefix codes is a
 * "simple" code with one symbol, which takes zero bits per use, so the pixel data is empty
 * and the stream is a dozen bytes whatever the size.
 */
function vp8lSolidImage(width: number, height: number, [red, green, blue]: Rgb): Buffer {
  const bits = new LsbFirstBitWriter();
  bits.write(VP8L_SIGNATURE, 8);
  bits.write(width - 1, 14);
  bits.write(height - 1, 14);
  bits.write(0, 1); // alpha_is_used: no
  bits.write(0, 3); // version 0

  bits.write(0, 1); // no transform
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes: one prefix code group for the whole image

  // The group's codes in stream order: green, red, blue, alpha, backward-reference distance.
  for (const symbol of [green, red, blue, 255, 0]) {
    writeSingleSymbolCode(bits, symbol);
  }
  return bits.finish();
}

function writeSingleSymbolCode(bits: LsbFirstBitWriter, symbol: number): void {
  const needsEightBits = symbol > 1;
  bits.write(1, 1); // simple code length code
  bits.write(0, 1); // num_symbols − 1 = 0
  bits.write(needsEightBits ? 1 : 0, 1); // is_first_8bits
  bits.write(symbol, needsEightBits ? 8 : 1);
}

function riffChunk(fourCc: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(fourCc, 0, 'latin1');
  header.writeUInt32LE(payload.length, 4);
  // RIFF chunks are padded to an even size; the size field excludes the pad byte.
  const padding = payload.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0);
  return Buffer.concat([header, payload, padding]);
}

function riffWebp(chunks: Buffer[]): Buffer {
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** VP8L reads bits least significant first. */
class LsbFirstBitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private filled = 0;

  write(value: number, length: number): void {
    for (let bit = 0; bit < length; bit += 1) {
      this.current |= ((value >> bit) & 1) << this.filled;
      this.filled += 1;
      if (this.filled === 8) {
        this.bytes.push(this.current);
        this.current = 0;
        this.filled = 0;
      }
    }
  }

  finish(): Buffer {
    if (this.filled > 0) {
      this.bytes.push(this.current);
    }
    return Buffer.from(this.bytes);
  }
}
