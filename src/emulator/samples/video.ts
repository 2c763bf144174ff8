import { readFileSync } from 'node:fs';

/**
 * Video samples are files generated once with ffmpeg 5.1 from its `testsrc2` pattern
 * (64 × 64, 8 frames at 8 fps), because encoding H.264 or VP8 in code is out of proportion:
 *
 *   ffmpeg -f lavfi -i testsrc2=size=64x64:rate=8:duration=1 -c:v libx264 -preset veryslow \
 *     -crf 35 -pix_fmt yuv420p -movflags +faststart -map_metadata -1 -fflags +bitexact \
 *     -flags:v +bitexact sample.mp4
 *   ffmpeg -f lavfi -i testsrc2=size=64x64:rate=8:duration=1 -c:v libvpx -b:v 64k -crf 40 \
 *     -map_metadata -1 -fflags +bitexact -flags:v +bitexact sample.webm
 */
let mp4: Buffer | undefined;
let webm: Buffer | undefined;

/**
 * Returns a copy of a 1-second H.264 MP4 (brand isom, about 3 KB).
 * Throws the file system error if the sample file is missing from the checkout.
 */
export function sampleMp4(): Buffer {
  mp4 ??= readFileSync(new URL('./sample.mp4', import.meta.url));
  return Buffer.from(mp4);
}

/**
 * Returns a copy of a 1-second VP8 WebM (about 6 KB).
 * Throws the file system error if the sample file is missing from the checkout.
 */
export function sampleWebm(): Buffer {
  webm ??= readFileSync(new URL('./sample.webm', import.meta.url));
  return Buffer.from(webm);
}
