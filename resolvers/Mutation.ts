import type { MutationResolvers } from '../src/generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  createGeneration: (_root, { input }, { services, principal }) =>
    services.generations.create(principal, {
      endpoint: input.endpoint,
      inputs: input.inputs,
      idempotencyKey: input.idempotencyKey,
    }),

  cancelGeneration: (_root, { id }, { services, principal }) => services.generations.cancel(principal, id),

  rateEndpoint: (_root, { input }, { services, principal }) => services.ratings.rate(principal, input),
};
