import type { InternalQueryResolvers, MappingResolvers, GapGroupResolvers } from '../src/generated/resolvers-types.js';
import { listVisibleEndpoints } from '../src/policy/visibility.js';
import { tierOf } from '../src/policy/tier-of.js';

export const InternalQuery: InternalQueryResolvers = {
  endpoints: (_root, { tier }, { services }) =>
    listVisibleEndpoints(services, 'internal').filter((endpoint) => !tier || tierOf(services, endpoint).tier === tier),
  endpoint: (_root, { path }, { services }) => services.catalog.endpoints.get(path) ?? null,
  removedEndpoints: (_root, _args, { services }) => [...services.catalog.removedEndpoints.values()],
  mappings: (_root, { endpoint }, { services }) =>
    services.catalog.file.mappings.filter((mapping) => !endpoint || mapping.endpoint === endpoint),
  gapSummary: (_root, _args, { services }) => services.catalog.file.gapSummary,
  workflows: (_root, { category }, { services, loaders }) => loaders.listWorkflows(category ?? null),
  workflow: (_root, { slug }, { loaders }) => loaders.workflows.load(slug),
  alignment: (_root, { endpoint }, { loaders }) => loaders.alignments.load(endpoint),
  alignmentOverview: (_root, _args, { loaders }) => loaders.alignmentOverview(),
};

export const Mapping: MappingResolvers = {
  workflowSlug: (mapping) => mapping.workflow,
  workflow: (mapping, _args, { loaders }) => (mapping.workflow ? loaders.workflows.load(mapping.workflow) : null),
};

export const GapGroup: GapGroupResolvers = {};
