import type { QueryResolvers } from '../src/generated/resolvers-types.js';
import { endpointNotFound } from '../src/errors/graphql-errors.js';
import { findVisibleEndpoint, listVisibleEndpoints } from '../src/policy/visibility.js';
import { tierOf } from '../src/policy/tier-of.js';
import { toPage, validatePageSize } from '../src/generation/pagination.js';

export const Query: QueryResolvers = {
  // Clients see the primary tier; for the internal role this lists the primary tier too, and
  // `internal.endpoints` lists everything.
  capabilities: (_root, _args, { services, role }) =>
    listVisibleEndpoints(services, role).filter((endpoint) => tierOf(services, endpoint).tier === 'PRIMARY'),

  capability: (_root, { path }, { services, role }) => {
    const endpoint = findVisibleEndpoint(services, role, path);
    if (!endpoint || tierOf(services, endpoint).tier !== 'PRIMARY') {
      throw endpointNotFound(path);
    }
    return endpoint;
  },

  generation: (_root, { id }, { loaders }) => loaders.generations.load(id),

  generations: async (_root, { filter, first, after }, { services, principal }) => {
    const size = validatePageSize(first);
    const page = await services.generations.list(
      principal,
      { endpoint: filter?.endpoint, statuses: filter?.status, createdAfter: filter?.createdAfter, createdBefore: filter?.createdBefore },
      { first: size, after },
    );
    return toPage(page);
  },

  internal: () => ({}),
};
