/**
 * Per-request batching of workflow lookups for GraphQL resolvers.
 */
import DataLoader from 'dataloader';

import type { WorkflowRepository } from './repository.js';
import type { WorkflowLookup } from './types.js';

/**
 * Creates a DataLoader that loads slugs with `repository.get`. Create one per request, because
 * it caches results for its own lifetime. It batches the slugs requested in one tick, while the
 * repository's cache keeps parsed files across requests.
 */
export function createWorkflowLoader(repository: WorkflowRepository): DataLoader<string, WorkflowLookup> {
  return new DataLoader<string, WorkflowLookup>((slugs) => Promise.all(slugs.map((slug) => repository.get(slug))), {
    name: 'workflows',
  });
}
