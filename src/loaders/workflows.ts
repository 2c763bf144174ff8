/**
 * Per-request loaders for workflow files and alignments. Parsing is cached by the repository
 * (per file version); these loaders only batch and deduplicate lookups within one request.
 */
import DataLoader from 'dataloader';

import type { MappingFacts } from '../catalog/schema.js';
import type { GatewayServices } from '../server/context.js';
import {
  computeAlignment,
  type WorkflowRepository,
  rankAlignments,
  type Alignment,
  type WorkflowListing,
  type WorkflowLookup,
} from '../workflows/index.js';

/** A workflow lookup with its listing facts (title, category) when the file is listed. */
export type WorkflowView = WorkflowLookup & { readonly slug: string; readonly listing: WorkflowListing | null };

/** An alignment, or a mapping whose workflow file could not be read. */
export type AlignmentView = Alignment & { readonly unavailableReason: string | null };

export interface WorkflowLoaders {
  readonly workflows: DataLoader<string, WorkflowView>;
  /** Alignments of one endpoint, one per mapping, by endpoint path. */
  readonly alignments: DataLoader<string, AlignmentView[]>;
  listWorkflows(category: string | null): Promise<WorkflowView[]>;
  alignmentOverview(): Promise<AlignmentView[]>;
}

export function createWorkflowLoaders(services: Pick<GatewayServices, 'workflows' | 'catalog'>): WorkflowLoaders {
  let listingPromise: Promise<WorkflowListing[]> | undefined;
  const listings = (): Promise<WorkflowListing[]> => (listingPromise ??= services.workflows.list());

  // The RunComfy catalog file may lack categories, so mapped workflows take them from the gateway catalog.
  const withCatalogFacts = (listing: WorkflowListing | null, slug: string): WorkflowListing | null => {
    const facts = services.catalog.workflows.get(slug);
    if (!listing || !facts) {
      return listing;
    }
    return { ...listing, title: listing.title ?? facts.title, category: listing.category ?? facts.category };
  };

  const workflows = new DataLoader<string, WorkflowView>(async (slugs) => {
    const listed = new Map((await listings()).map((listing) => [listing.slug, listing]));
    return Promise.all(
      slugs.map(async (slug) => {
        const lookup = await services.workflows.get(slug);
        return { ...lookup, slug, listing: withCatalogFacts(listed.get(slug) ?? null, slug) } as WorkflowView;
      }),
    );
  });

  const alignMapping = async (mapping: MappingFacts): Promise<AlignmentView> => {
    const endpoint = services.catalog.endpoints.get(mapping.endpoint)!;
    if (mapping.workflow === null) {
      return { ...computeAlignment(endpoint, mapping, null), unavailableReason: null };
    }
    const workflow = await workflows.load(mapping.workflow);
    if (!workflow.available) {
      return { ...computeAlignment(endpoint, mapping, null), unavailableReason: workflow.reason };
    }
    return { ...computeAlignment(endpoint, mapping, workflow), unavailableReason: null };
  };

  const alignments = new DataLoader<string, AlignmentView[]>(async (paths) =>
    Promise.all(paths.map((path) => Promise.all((services.catalog.mappingsByEndpoint.get(path) ?? []).map(alignMapping)))),
  );

  return {
    workflows,
    alignments,
    async listWorkflows(category) {
      const results = await workflows.loadMany((await listings()).map((listing) => listing.slug));
      const views = results.map((result) => {
        if (result instanceof Error) {
          throw result;
        }
        return result;
      });
      return views.filter((view) => category === null || view.listing?.category === category);
    },
    async alignmentOverview() {
      const all = await alignments.loadMany([...services.catalog.endpoints.keys()]);
      const flat = all.flatMap((result) => {
        if (result instanceof Error) {
          throw result;
        }
        return result;
      });
      return rankAlignments(flat) as AlignmentView[];
    },
  };
}

/** Creates the repository used when `WORKFLOWS_DIR` is not set, which lists nothing and explains why. */
export function createEmptyWorkflowRepository(): WorkflowRepository {
  return {
    dir: '',
    list: async () => [],
    get: async (slug) => ({
      available: false,
      slug,
      code: 'NOT_FOUND',
      reason: 'No workflows folder is configured; set WORKFLOWS_DIR to a folder of <slug>/workflow.json files.',
    }),
    cacheStats: () => ({ parses: 0, hits: 0 }),
  };
}

// Aliases for codegen mappers whose names would clash with the GraphQL types of the same name.
export type WorkflowWarningFacts = import('../workflows/index.js').WorkflowWarning;
export type ParameterAlignmentFacts = import('../workflows/index.js').ParameterAlignment;
export type ModelAlignmentFacts = import('../workflows/index.js').ModelAlignment;
