import type { EndpointResolvers, EndpointOutputResolvers, TierExplanationResolvers } from '../src/generated/resolvers-types.js';
import { isLoraInput, isReferenceInput } from '../src/policy/classification.js';
import { tierOf } from '../src/policy/tier-of.js';

export const Endpoint: EndpointResolvers = {
  classification: (endpoint, _args, { services }) => tierOf(services, endpoint).classification,
  tier: (endpoint, _args, { services }) => tierOf(services, endpoint).tier,
  referenceInputs: (endpoint) => endpoint.inputs.filter(isReferenceInput).map((input) => input.name),
  loraInputs: (endpoint) => endpoint.inputs.filter(isLoraInput).map((input) => input.name),
  output: (endpoint) => endpoint,
  app: (endpoint) => endpoint.app,
  tierReason: (endpoint, _args, { services }) => tierOf(services, endpoint).reason,
  tierExplanation: (endpoint, _args, { services }) => tierOf(services, endpoint),
  lifecycle: (endpoint, _args, { services }) =>
    services.catalog.lifecycle.get(endpoint.path) ?? { path: endpoint.path, status: 'ACTIVE', reason: 'In service.' },
  serverTimeoutSeconds: (endpoint, _args, { services }) => services.runtime.endpoints.get(endpoint.path)?.app.serverTimeoutSeconds ?? 0,
  clientDeadlineSeconds: (endpoint, _args, { services }) => services.runtime.endpoints.get(endpoint.path)?.deadlineSeconds ?? 0,
  maxConcurrentInputs: (endpoint, _args, { services }) => services.runtime.apps.get(endpoint.app)?.concurrency ?? 0,
  gpu: (endpoint, _args, { services }) => services.catalog.apps.get(endpoint.app)?.gpu ?? 'unknown',
  mappings: (endpoint, _args, { services }) => [...(services.catalog.mappingsByEndpoint.get(endpoint.path) ?? [])],
  alignments: (endpoint, _args, { loaders }) => loaders.alignments.load(endpoint.path),
};

export const EndpointOutput: EndpointOutputResolvers = {
  mediaType: (endpoint) => endpoint.response.mediaType,
  declaredContentType: (endpoint) => endpoint.response.declaredContentType,
};

export const TierExplanation: TierExplanationResolvers = {
  decidingInputs: (decision) => [...decision.referenceInputs, ...decision.loraInputs],
  override: (decision) => decision.override,
};
