/**
 * Prints a small PNG as base64, for trying a generation by hand: `npx tsx scripts/sample-image.ts`.
 * Optional arguments set the size, e.g. `npx tsx scripts/sample-image.ts 256 256`.
 */
import { samplePng } from '../src/emulator/samples/index.js';

const width = Number(process.argv[2] ?? 128);
const height = Number(process.argv[3] ?? width);
if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 4096 || height > 4096) {
  process.stderr.write('Usage: tsx scripts/sample-image.ts [width 1-4096] [height 1-4096]\n');
  process.exit(2);
}
process.stdout.write(samplePng(width, height).toString('base64'));
