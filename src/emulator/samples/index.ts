/** Real media bytes built in code (or, for video, generated once) for tests and the emulator. */
export { sampleGif } from './gif.js';
export { sampleJpeg } from './jpeg.js';
export type { Rgb } from './pixel-size.js';
export { samplePng } from './png.js';
export { sampleMp4, sampleWebm } from './video.js';
export { sampleAnimatedWebp, sampleWebp, type AnimatedWebpOptions } from './webp.js';
