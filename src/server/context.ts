/**
 * The per-request context that resolvers receive. Services are built once at start; loaders are
 * built per request so no cached value crosses requests or roles.
 */
import type { Logger } from 'pino';

import type { Principal } from '../auth/keyring.js';
import type { Catalog } from '../catalog/catalog.js';
import type { EndpointRuntime } from '../catalog/runtime.js';
import type { GatewayConfig, Role } from '../config/config.js';
import type { TierDecision } from '../policy/classification.js';
import type { RequestLoaders } from '../loaders/index.js';
import type { GenerationService } from '../generation/service.js';
import type { BlobStore, GenerationStore } from '../store/index.js';
import type { Dispatcher } from '../generation/dispatcher.js';
import type { OpsServices } from '../ops/index.js';
import type { RatingService } from '../quality/ratings.js';
import type { WorkflowRepository } from '../workflows/index.js';

/** Long-lived parts of the gateway, shared by all requests. */
export interface GatewayServices {
  readonly config: GatewayConfig;
  readonly catalog: Catalog;
  readonly tiers: ReadonlyMap<string, TierDecision>;
  readonly runtime: EndpointRuntime;
  readonly store: GenerationStore;
  readonly blobs: BlobStore;
  readonly dispatcher: Dispatcher;
  readonly generations: GenerationService;
  readonly ratings: RatingService;
  readonly workflows: WorkflowRepository;
  readonly logger: Logger;
  /** Metrics, upstream probes and endpoint quality. */
  readonly ops: OpsServices;
}

export interface GatewayContext {
  readonly requestId: string;
  readonly principal: Principal;
  readonly role: Role;
  readonly ownerId: string;
  readonly services: GatewayServices;
  readonly loaders: RequestLoaders;
  readonly logger: Logger;
}

/** The parent value of `Query.internal`: the internal namespace has no state of its own. */
export type InternalRoot = Record<string, never>;
