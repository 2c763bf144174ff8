import type { EndpointInputResolvers } from '../src/generated/resolvers-types.js';
import { describeInputForForm } from '../src/catalog/input-form.js';

export const EndpointInput: EndpointInputResolvers = {
  type: (input) => describeInputForForm(input).type,
  role: (input) => describeInputForForm(input).role,
  description: (input) => input.description ?? null,
  default: (input) => describeInputForForm(input).default,
  min: (input) => describeInputForForm(input).min,
  max: (input) => describeInputForForm(input).max,
  maxLength: (input) => (input.type === 'string' ? (input.maxLength ?? null) : null),
  allowedValues: (input) => (input.type === 'string' ? (input.enum ?? null) : null),
  isReference: (input) => describeInputForForm(input).isReference,
  isLora: (input) => describeInputForForm(input).isLora,
  media: (input) => (input.type === 'media' || input.type === 'media_list' ? input.media : null),
  acceptedMediaTypes: (input) => (input.type === 'media' || input.type === 'media_list' ? input.accept : null),
  maxBytes: (input, _args, { services }) => describeInputForForm(input, services.config).maxBytes,
  minItems: (input) => (input.type === 'media_list' ? input.minItems : null),
  maxItems: (input) => (input.type === 'media_list' || input.type === 'string_list' ? (input.maxItems ?? null) : null),
};
