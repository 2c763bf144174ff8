/**
 * DataLoaders, made fresh for every request by `createRequestLoaders`, so batching happens
 * within one request and no cached value crosses requests or roles.
 */
import DataLoader from 'dataloader';

import type { Principal } from '../auth/keyring.js';
import type { ArtifactRecord, GenerationRecord } from '../store/index.js';
import type { GatewayServices } from '../server/context.js';
import { createWorkflowLoaders, type WorkflowLoaders } from './workflows.js';

export interface RequestLoaders extends WorkflowLoaders {
  /** Generations by id; a generation the caller may not see loads as null. */
  readonly generations: DataLoader<string, GenerationRecord | null>;
  readonly artifactsByGeneration: DataLoader<string, ArtifactRecord[]>;
}

/** Builds the loaders for one request made by `principal`. */
export function createRequestLoaders(services: GatewayServices, principal: Principal): RequestLoaders {
  return {
    generations: new DataLoader(async (ids) => {
      const records = await services.store.getGenerations(ids);
      return records.map((record) => (record && (principal.role === 'internal' || record.ownerId === principal.ownerId) ? record : null));
    }),
    artifactsByGeneration: new DataLoader((ids) => services.store.listArtifactsByGeneration(ids)),
    ...createWorkflowLoaders(services),
  };
}
