/** An sRGB colour as three 0–255 channel values. */
export type Rgb = readonly [red: number, green: number, blue: number];

/**
 * Checks a requested pixel size before any buffer is sized from it.
 * Throws RangeError naming the format, the value and the allowed range.
 */
export function assertPixelSize(format: string, width: number, height: number, max: number): void {
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new RangeError(`${format} ${name} must be an integer from 1 to ${max}, but got ${value}`);
    }
  }
}

/** Checks that each channel is an integer from 0 to 255. Throws RangeError otherwise. */
export function assertRgb(rgb: Rgb): void {
  if (!rgb.every((channel) => Number.isInteger(channel) && channel >= 0 && channel <= 255)) {
    throw new RangeError(`colour channels must be integers from 0 to 255, but got [${rgb.join(', ')}]`);
  }
}
