/**
 * A small table that derives a model family from names: an endpoint's path and purpose text, or
 * the model files a workflow loads. Alignment uses the family to tell a model difference (a
 * Schnell endpoint against a Dev workflow) from a parameter gap.
 *
 * Rules are tried in order, so more specific names come first (Schnell and Klein before plain
 * Flux, SDXL Turbo before SDXL). A name matches when the pattern finds it anywhere in the text,
 * with `-`, `_`, `.`, `/` and spaces treated alike.
 */
import type { ModelFamily } from './types.js';

interface FamilyRule {
  pattern: RegExp;
  family: ModelFamily;
}

const SEP = '[\\s._/-]*';

function rule(pattern: string, id: string, label: string, stepRegime: ModelFamily['stepRegime'], guidance: ModelFamily['guidance']): FamilyRule {
  return { pattern: new RegExp(pattern, 'i'), family: { id, label, stepRegime, guidance } };
}

const RULES: FamilyRule[] = [
  rule(`flux${SEP}2${SEP}klein|klein${SEP}\\d+b`, 'flux2-klein', 'FLUX.2 Klein', 'FEW_STEP', 'CFG'),
  rule(`flux${SEP}2(?!\\d)`, 'flux2', 'FLUX.2', 'FULL', 'EMBEDDED'),
  rule('schnell', 'flux-schnell', 'Flux Schnell', 'FEW_STEP', 'NONE'),
  rule(`flux${SEP}(?:1${SEP})?dev`, 'flux-dev', 'Flux Dev', 'FULL', 'EMBEDDED'),
  rule(`flux${SEP}1?(?![a-z0-9])`, 'flux', 'Flux', 'FULL', 'EMBEDDED'),
  rule(`qwen${SEP}image${SEP}edit`, 'qwen-image-edit', 'Qwen-Image Edit', 'FULL', 'CFG'),
  rule(`qwen${SEP}image`, 'qwen-image', 'Qwen-Image', 'FULL', 'CFG'),
  rule(`z${SEP}image${SEP}turbo`, 'z-image-turbo', 'Z-Image Turbo', 'FEW_STEP', 'CFG'),
  rule(`z${SEP}image`, 'z-image', 'Z-Image', 'FULL', 'CFG'),
  rule(`sd${SEP}xl${SEP}turbo|xl[a-z0-9._-]*turbo|turbo[a-z0-9._-]*xl`, 'sdxl-turbo', 'SDXL Turbo', 'FEW_STEP', 'CFG'),
  rule(`sd${SEP}xl${SEP}lightning|xl[a-z0-9._-]*lightning`, 'sdxl-lightning', 'SDXL Lightning', 'FEW_STEP', 'CFG'),
  rule(`sd${SEP}xl|[a-z]xl${SEP}v?\\d|(?:^|[\\s._/-])xl(?:$|[\\s._/-])`, 'sdxl', 'SDXL', 'FULL', 'CFG'),
  rule(`sd${SEP}1${SEP}5|sd1[\\\\/]|sd${SEP}v1`, 'sd15', 'Stable Diffusion 1.5', 'FULL', 'CFG'),
  rule(`wan${SEP}2${SEP}6`, 'wan2.6', 'Wan 2.6', 'FULL', 'CFG'),
  rule(`wan${SEP}2${SEP}2`, 'wan2.2', 'Wan 2.2', 'FULL', 'CFG'),
  rule(`wan${SEP}2${SEP}1`, 'wan2.1', 'Wan 2.1', 'FULL', 'CFG'),
  rule(`seedvr2[a-z0-9\\s._/-]{0,40}7b`, 'seedvr2-7b', 'SeedVR2 7B', 'FULL', 'NONE'),
  rule(`seedvr2[a-z0-9\\s._/-]{0,40}3b`, 'seedvr2-3b', 'SeedVR2 3B', 'FULL', 'NONE'),
  rule('seedvr2', 'seedvr2', 'SeedVR2', 'FULL', 'NONE'),
  rule('inswapper|reactor', 'reactor-inswapper', 'ReActor (inswapper)', 'FULL', 'NONE'),
];

/**
 * Step-distillation LoRAs and adapters: with one of these active, a full model samples in a few
 * steps, so the step count follows the LoRA rather than the base model.
 */
const ACCELERATOR_PATTERN = /lightx2v|lightning|hyper[\s._-]?sd|(?:^|[\s._/-])lcm(?:$|[\s._/-])|step[\s._-]?distill|causvid|turbo/i;

/** Returns the first family whose pattern matches one of `texts`, or null. */
export function detectModelFamily(texts: readonly string[]): ModelFamily | null {
  for (const { pattern, family } of RULES) {
    if (texts.some((text) => pattern.test(text))) return { ...family };
  }
  return null;
}

/** Returns true when the name looks like a step-distillation LoRA. */
export function isAcceleratorName(name: string): boolean {
  return ACCELERATOR_PATTERN.test(name);
}

/** Marks a family as sampled in a few steps because of an accelerator such as a Lightning LoRA. */
export function withAccelerator(family: ModelFamily, accelerator: string): ModelFamily {
  if (family.stepRegime === 'FEW_STEP') return family;
  return { ...family, label: `${family.label} + ${accelerator}`, stepRegime: 'FEW_STEP' };
}
