/**
 * The catalog file format, as zod schemas. The catalog is data that operators may replace
 * (`CATALOG_PATH`), so every field is checked at load and a rejection names the JSON path.
 */
import { z } from 'zod';

/** Decimal digits of an unsigned integer, kept as text so 64-bit values stay exact. */
const unsignedDecimal = z.string().regex(/^(0|[1-9][0-9]*)$/, 'expected decimal digits, e.g. "42"');

export const inputRoleSchema = z.enum([
  'prompt',
  'negative_prompt',
  'reference',
  'mask',
  'lora',
  'lora_strength',
  'trigger_word',
  'size',
  'sampler',
  'seed',
  'strength',
  'model',
  'timing',
  'upscale',
  'face_restore',
  'flag',
]);

export const mediaKindSchema = z.enum(['IMAGE', 'VIDEO']);
export const mediaEncodingSchema = z.enum(['DATA_URL', 'BASE64']);

const baseInput = {
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an identifier such as "prompt"'),
  role: inputRoleSchema,
  required: z.boolean(),
  description: z.string().optional(),
};

const stringInput = z.strictObject({
  ...baseInput,
  type: z.literal('string'),
  default: z.string().optional(),
  maxLength: z.number().int().positive().optional(),
  enum: z.array(z.string()).nonempty().optional(),
});

const integerInput = z.strictObject({
  ...baseInput,
  type: z.literal('integer'),
  /** Seeds and other 64-bit values are written as decimal strings; small integers as numbers. */
  default: z.union([z.number().int(), unsignedDecimal]).optional(),
  min: z.union([z.number().int(), unsignedDecimal]).optional(),
  max: z.union([z.number().int(), unsignedDecimal]).optional(),
});

const numberInput = z.strictObject({
  ...baseInput,
  type: z.literal('number'),
  default: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

const booleanInput = z.strictObject({
  ...baseInput,
  type: z.literal('boolean'),
  default: z.boolean().optional(),
});

const mediaFields = {
  media: mediaKindSchema,
  encoding: mediaEncodingSchema,
  accept: z.array(z.string().regex(/^(image|video)\/[a-z0-9.+-]+$/)).nonempty(),
};

const mediaInput = z.strictObject({
  ...baseInput,
  type: z.literal('media'),
  ...mediaFields,
});

const mediaListInput = z.strictObject({
  ...baseInput,
  type: z.literal('media_list'),
  ...mediaFields,
  minItems: z.number().int().nonnegative(),
  maxItems: z.number().int().positive(),
});

const stringListInput = z.strictObject({
  ...baseInput,
  type: z.literal('string_list'),
  maxItems: z.number().int().positive().optional(),
});

export const endpointInputSchema = z.discriminatedUnion('type', [
  stringInput,
  integerInput,
  numberInput,
  booleanInput,
  mediaInput,
  mediaListInput,
  stringListInput,
]);

export const endpointSchema = z.strictObject({
  path: z.string().regex(/^\/[A-Za-z0-9._-]+$/, 'expected a path such as "/flux-dev"'),
  app: z.string().min(1),
  purpose: z.string(),
  modality: z.enum(['IMAGE', 'VIDEO']),
  inputs: z.array(endpointInputSchema),
  response: z.strictObject({
    declaredContentType: z.string(),
    mediaType: z.string(),
    costHeaders: z.array(z.string()),
  }),
  notes: z.array(z.string()),
  observedLatencySeconds: z.record(z.string(), z.number()).optional(),
  /** Client-side deadline; defaults to the app's server timeout minus a margin. */
  clientDeadlineSeconds: z.number().positive().optional(),
});

export const appSchema = z.strictObject({
  name: z.string().min(1),
  serverTimeoutSeconds: z.number().positive(),
  maxConcurrentInputs: z.number().int().positive(),
  gpu: z.string(),
  scaledownWindowSeconds: z.number().nonnegative(),
});

export const tierSchema = z.enum(['PRIMARY', 'SUPPORTING']);

export const catalogFileSchema = z.strictObject({
  version: z.literal(1),
  modal: z.strictObject({
    workspace: z.string().min(1),
    urlPattern: z.string().includes('{app}'),
    requestCapSeconds: z.number().positive(),
  }),
  apps: z.array(appSchema).nonempty(),
  endpoints: z.array(endpointSchema).nonempty(),
  lifecycle: z.array(
    z.strictObject({
      path: z.string(),
      status: z.enum(['ACTIVE', 'DEPRIORITISED']),
      reason: z.string().min(1),
      preferred: z.string().optional(),
    }),
  ),
  removedEndpoints: z.array(
    z.strictObject({ path: z.string(), reason: z.string().min(1), alternative: z.string() }),
  ),
  tierOverrides: z.array(
    z.strictObject({ path: z.string(), tier: tierSchema, reason: z.string().min(1) }),
  ),
  workflows: z.array(
    z.strictObject({
      slug: z.string().min(1),
      title: z.string(),
      category: z.string(),
      priority: z.string(),
      url: z.string(),
    }),
  ),
  mappings: z.array(
    z.strictObject({
      endpoint: z.string(),
      workflow: z.string().nullable(),
      relation: z.enum(['SAME_CONCEPT', 'SIMILAR', 'DIFFERENT', 'ALTERNATIVE', 'NO_EQUIVALENT']),
      action: z.string(),
      note: z.string(),
    }),
  ),
  gapSummary: z.array(
    z.strictObject({
      key: z.string().regex(/^[A-Z_]+$/),
      title: z.string(),
      endpoints: z.array(z.string()),
      action: z.string(),
    }),
  ),
});

export type CatalogFile = z.infer<typeof catalogFileSchema>;
export type EndpointFacts = z.infer<typeof endpointSchema>;
export type EndpointInput = z.infer<typeof endpointInputSchema>;
export type AppFacts = z.infer<typeof appSchema>;
export type InputRole = z.infer<typeof inputRoleSchema>;
export type Tier = z.infer<typeof tierSchema>;
export type MappingFacts = CatalogFile['mappings'][number];
export type WorkflowFacts = CatalogFile['workflows'][number];
export type EndpointInputFacts = EndpointInput;
