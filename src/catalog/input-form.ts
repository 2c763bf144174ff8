/**
 * Describes a catalog input the way a frontend builds a form field from it. Seeds are 64-bit,
 * so their default and bounds are decimal strings; other integers are plain numbers.
 */
import type { GatewayConfig } from '../config/config.js';
import { isLoraInput, isReferenceInput } from '../policy/classification.js';
import type { EndpointInput } from './schema.js';

export interface InputForm {
  readonly type: 'STRING' | 'INTEGER' | 'NUMBER' | 'BOOLEAN' | 'MEDIA' | 'MEDIA_LIST' | 'STRING_LIST';
  readonly role: Uppercase<EndpointInput['role']>;
  readonly default: unknown;
  readonly min: unknown;
  readonly max: unknown;
  readonly isReference: boolean;
  readonly isLora: boolean;
  readonly maxBytes: number | null;
}

/** Builds the form description of `input`; `config` supplies the media size limits. */
export function describeInputForForm(input: EndpointInput, config?: Pick<GatewayConfig, 'maxImageBytes' | 'maxVideoBytes'>): InputForm {
  const isMedia = input.type === 'media' || input.type === 'media_list';
  return {
    type: input.type.toUpperCase() as InputForm['type'],
    role: input.role.toUpperCase() as InputForm['role'],
    default: 'default' in input ? formatNumeric(input, input.default) : null,
    min: 'min' in input ? formatNumeric(input, input.min) : null,
    max: 'max' in input ? formatNumeric(input, input.max) : null,
    isReference: isReferenceInput(input),
    isLora: isLoraInput(input),
    maxBytes: isMedia && config ? maxMediaBytes(input.media, config) : null,
  };
}

/** Largest decoded size accepted for one item of a media input. */
export function maxMediaBytes(media: 'IMAGE' | 'VIDEO', config: Pick<GatewayConfig, 'maxImageBytes' | 'maxVideoBytes'>): number {
  return media === 'IMAGE' ? config.maxImageBytes : config.maxVideoBytes;
}

function formatNumeric(input: EndpointInput, value: unknown): unknown {
  if (value === undefined) {
    return null;
  }
  if (input.type === 'integer') {
    return input.role === 'seed' ? String(value) : Number(value);
  }
  return value;
}
