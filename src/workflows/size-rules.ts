/**
 * Image sizes that custom nodes compute from their widgets, reproduced from their sources so a
 * latent size can be known without running the graph.
 */
import type { JsonValue } from './exact-json.js';
import type { SizeRule } from './node-types.js';

export interface ComputedSize {
  width: number;
  height: number;
  batchSize: number | null;
  upscaleFactor: number | null;
  derivation: string;
}

/**
 * Computes the size a node produces under `rule`, reading its widgets through `read`.
 * Returns null when a widget the rule needs is missing or not a number.
 */
export function computeSize(rule: SizeRule, read: (widget: string) => JsonValue | undefined): ComputedSize | null {
  switch (rule) {
    case 'CR_SDXL_ASPECT_RATIO':
      return crSdxlAspectRatio(read);
    case 'WLSH_RATIO':
      return wlshRatio(read);
  }
}

/**
 * CR SDXL Aspect Ratio (Comfyroll): a preset label such as "3:4 portrait 896x1152" sets the
 * size, "custom" keeps the width/height widgets, and swap_dimensions "On" swaps them.
 */
function crSdxlAspectRatio(read: (widget: string) => JsonValue | undefined): ComputedSize | null {
  const preset = read('aspect_ratio');
  let width: number | null;
  let height: number | null;
  let derivation: string;
  if (typeof preset === 'string' && preset !== 'custom') {
    const match = /(\d+)x(\d+)/.exec(preset);
    if (!match) return null;
    width = Number(match[1]);
    height = Number(match[2]);
    derivation = `preset "${preset}"`;
  } else {
    width = toNumber(read('width'));
    height = toNumber(read('height'));
    derivation = 'custom width and height';
  }
  if (width === null || height === null) return null;

  if (read('swap_dimensions') === 'On') {
    [width, height] = [height, width];
    derivation += ', swapped';
  }
  return {
    width,
    height,
    batchSize: toNumber(read('batch_size')),
    upscaleFactor: toNumber(read('upscale_factor')),
    derivation,
  };
}

/**
 * Empty Latent by Ratio (WLSH): width = int(shortside * x / y) rounded up to a multiple of 64,
 * height = shortside, swapped for "portrait".
 */
function wlshRatio(read: (widget: string) => JsonValue | undefined): ComputedSize | null {
  const aspect = read('aspect');
  const shortSide = toNumber(read('shortside'));
  const match = typeof aspect === 'string' ? /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(aspect) : null;
  if (!match || shortSide === null) return null;

  const ratio = Number(match[1]) / Number(match[2]);
  let width = Math.trunc(shortSide * ratio);
  width = (width + 63) & -64;
  let height = shortSide;
  const direction = read('direction');
  if (direction === 'portrait') [width, height] = [height, width];
  return {
    width,
    height,
    batchSize: toNumber(read('batch_size')),
    upscaleFactor: null,
    derivation: `${aspect} ${String(direction)}, short side ${shortSide}`,
  };
}

function toNumber(value: JsonValue | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}
