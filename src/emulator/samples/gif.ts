/**
 * Builds a real 1 × 1 GIF89a with one red pixel. The LZW data is three 3-bit codes:
 * clear (4), colour index 0, end of information (5), packed least significant first.
 * Returns the file bytes.
 */
export function sampleGif(): Buffer {
  return Buffer.from([
    ...Buffer.from('GIF89a', 'latin1'),
    0x01, 0x00, 0x01, 0x00, // logical screen 1 × 1
    0x80, 0x00, 0x00, // global colour table of 2 entries, background 0, no aspect ratio
    0xff, 0x00, 0x00, 0x00, 0x00, 0x00, // colour table: red, black
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, // image descriptor at 0,0, 1 × 1
    0x02, // LZW minimum code size
    0x02, 0x44, 0x01, 0x00, // one data sub-block of 2 bytes, then the block terminator
    0x3b, // trailer
  ]);
}
