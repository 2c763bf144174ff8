import type { ArtifactResolvers, GenerationResolvers } from '../src/generated/resolvers-types.js';
import { presentInputs } from '../src/generation/records.js';

export const Generation: GenerationResolvers = {
  inputs: (generation, _args, { services }) => presentInputs(services.catalog.endpoints.get(generation.endpoint), generation.inputs),
  appliedDefaults: (generation) => generation.appliedDefaults,
  error: (generation, _args, { role }) => {
    if (!generation.errorCode) {
      return null;
    }
    // Clients get a plain message with the generation id; the internal role also gets the
    // endpoint's own error text through the @internal fields.
    return {
      code: generation.errorCode,
      message: `${generation.errorMessage ?? 'The generation failed.'} (generation ${generation.id})`,
      upstreamStatus: role === 'internal' ? generation.upstreamStatus : null,
      upstreamDetail: role === 'internal' ? generation.upstreamDetail : null,
    };
  },
  artifacts: (generation, _args, { loaders }) => loaders.artifactsByGeneration.load(generation.id),
  cost: (generation) =>
    generation.costUsd === null && generation.executionTimeSec === null && generation.gpuType === null
      ? null
      : { usd: generation.costUsd, executionTimeSeconds: generation.executionTimeSec, gpuType: generation.gpuType },
};

export const Artifact: ArtifactResolvers = {
  url: (artifact) => `/artifacts/${artifact.id}`,
};
