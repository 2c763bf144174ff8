import { assertPixelSize, assertRgb, type Rgb } from './pixel-size.js';

/**
 * Huffman table for DC differences: the luminance DC table of ITU-T T.81 Annex K.3
 * (code-length counts for lengths 1–16, then the categories 0–11 in code order).
 */
const DC_CODE_LENGTH_COUNTS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_SYMBOLS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/** A flat block has no AC coefficients, so the AC table needs one symbol: end of block (0x00). */
const AC_CODE_LENGTH_COUNTS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_SYMBOLS = [0x00];
const END_OF_BLOCK = 0x00;
/**
 * Every quantiser is 8. For a flat 8 × 8 block of level-shifted value x the forward DCT gives
 * DC = 8x and all AC = 0, so the quantised DC coefficient is exactly x.
 */
const QUANTISER = 8;
const MAX_SIDE = 8192;

interface HuffmanCode {
  code: number;
  length: number;
}

/**
 * Builds a real baseline (SOF0) JFIF JPEG of one solid colour, 4:4:4 YCbCr, Huffman coded.
 * Returns the file bytes. Throws RangeError for a side outside 1–8192 or a bad channel value.
 */
export function sampleJpeg(width: number, height: number, rgb: Rgb = [192, 96, 48]): Buffer {
  assertPixelSize('JPEG', width, height, MAX_SIDE);
  assertRgb(rgb);

  return Buffer.concat([
    Buffer.from([0xff, 0xd8]), // SOI
    jfifSegment(),
    quantisationSegment(),
    frameSegment(width, height),
    huffmanSegment(),
    scanHeaderSegment(),
    entropyCodedScan(width, height, toYCbCr(rgb)),
    Buffer.from([0xff, 0xd9]), // EOI
  ]);
}

function segment(marker: number, payload: number[]): Buffer {
  const length = payload.length + 2;
  return Buffer.from([0xff, marker, length >> 8, length & 0xff, ...payload]);
}

function jfifSegment(): Buffer {
  // "JFIF\0", version 1.01, no density units, 1:1 pixel aspect, no thumbnail.
  return segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
}

function quantisationSegment(): Buffer {
  return segment(0xdb, [0x00, ...new Array<number>(64).fill(QUANTISER)]);
}

function frameSegment(width: number, height: number): Buffer {
  const components = [1, 2, 3].flatMap((id) => [id, 0x11, 0]); // id, 1×1 sampling, table 0
  return segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, ...components]);
}

function huffmanSegment(): Buffer {
  return segment(0xc4, [
    0x00, ...DC_CODE_LENGTH_COUNTS, ...DC_SYMBOLS,
    0x10, ...AC_CODE_LENGTH_COUNTS, ...AC_SYMBOLS,
  ]);
}

function scanHeaderSegment(): Buffer {
  const components = [1, 2, 3].flatMap((id) => [id, 0x00]); // DC table 0, AC table 0
  return segment(0xda, [3, ...components, 0, 63, 0]);
}

/** JFIF RGB to YCbCr, rounded, then level-shifted by 128 as the DCT input. */
function toYCbCr([red, green, blue]: Rgb): [number, number, number] {
  const clamp = (value: number): number => Math.min(255, Math.max(0, Math.round(value)));
  const y = clamp(0.299 * red + 0.587 * green + 0.114 * blue);
  const cb = clamp(-0.168736 * red - 0.331264 * green + 0.5 * blue + 128);
  const cr = clamp(0.5 * red - 0.418688 * green - 0.081312 * blue + 128);
  return [y - 128, cb - 128, cr - 128];
}

/**
 * Codes every 8 × 8 block. DC is predicted from the previous block of the same component, so
 * only the first MCU carries the colour and every later block is "difference 0, end of block".
 */
function entropyCodedScan(width: number, height: number, dcValues: [number, number, number]): Buffer {
  const dcCodes = canonicalHuffmanCodes(DC_CODE_LENGTH_COUNTS, DC_SYMBOLS);
  const acCodes = canonicalHuffmanCodes(AC_CODE_LENGTH_COUNTS, AC_SYMBOLS);
  const endOfBlock = acCodes.get(END_OF_BLOCK)!;
  const writer = new JpegBitWriter();
  const mcuCount = Math.ceil(width / 8) * Math.ceil(height / 8);

  for (let mcu = 0; mcu < mcuCount; mcu += 1) {
    for (const dc of dcValues) {
      writeDcDifference(writer, dcCodes, mcu === 0 ? dc : 0);
      writer.write(endOfBlock.code, endOfBlock.length);
    }
  }
  return writer.finish();
}

/** Writes the category's code, then the low bits of the difference (T.81 F.1.2.1). */
function writeDcDifference(writer: JpegBitWriter, dcCodes: Map<number, HuffmanCode>, difference: number): void {
  const category = difference === 0 ? 0 : Math.floor(Math.log2(Math.abs(difference))) + 1;
  const { code, length } = dcCodes.get(category)!;
  writer.write(code, length);
  if (category > 0) {
    const extraBits = difference > 0 ? difference : difference + (1 << category) - 1;
    writer.write(extraBits, category);
  }
}

/** Assigns codes in order of length as T.81 Annex C does from the DHT counts. */
function canonicalHuffmanCodes(lengthCounts: number[], symbols: number[]): Map<number, HuffmanCode> {
  const codes = new Map<number, HuffmanCode>();
  let code = 0;
  let symbolIndex = 0;
  lengthCounts.forEach((count, index) => {
    for (let i = 0; i < count; i += 1) {
      codes.set(symbols[symbolIndex]!, { code, length: index + 1 });
      symbolIndex += 1;
      code += 1;
    }
    code <<= 1;
  });
  return codes;
}

/** Packs bits most significant first and stuffs a 0x00 after every 0xFF byte, as JPEG requires. */
class JpegBitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private filled = 0;

  write(value: number, length: number): void {
    for (let bit = length - 1; bit >= 0; bit -= 1) {
      this.current = (this.current << 1) | ((value >> bit) & 1);
      this.filled += 1;
      if (this.filled === 8) {
        this.pushByte();
      }
    }
  }

  /** Pads the last byte with 1 bits and returns the coded data. */
  finish(): Buffer {
    while (this.filled !== 0) {
      this.write(1, 1);
    }
    return Buffer.from(this.bytes);
  }

  private pushByte(): void {
    this.bytes.push(this.current);
    if (this.current === 0xff) {
      this.bytes.push(0x00);
    }
    this.current = 0;
    this.filled = 0;
  }
}
