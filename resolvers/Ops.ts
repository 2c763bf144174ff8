import type { InternalQueryResolvers } from '../src/generated/resolvers-types.js';

/** The operator fields of `InternalQuery`: upstream probes, endpoint statistics and ratings. */
export const OpsInternalQuery: Pick<InternalQueryResolvers, 'upstreamHealth' | 'endpointStats' | 'endpointBreaches' | 'ratings'> = {
  upstreamHealth: (_root, { refresh }, { services }) => services.ops.probes.check({ refresh }),

  endpointStats: (_root, { endpoint, since, until }, { services }) => services.ops.quality.stats({ endpoint, since, until }),

  endpointBreaches: (_root, args, { services }) =>
    services.ops.quality.breaches({
      since: args.since,
      until: args.until,
      minSuccessRate: args.minSuccessRate,
      maxP95Seconds: args.maxP95Seconds ?? null,
      minRatingMean: args.minRatingMean,
      minGenerations: args.minGenerations,
      minRatings: args.minRatings,
    }),

  ratings: (_root, { endpoint, generationId, first }, { services }) => services.ops.quality.ratings({ endpoint, generationId, first }),
};
