/**
 * The generation use cases behind the GraphQL API: create, cancel, read and list, with the
 * app's policy and each caller's ownership applied. Dispatch itself is the Dispatcher's job.
 */
import { GraphQLError } from 'graphql';

import type { Principal } from '../auth/keyring.js';
import type { Catalog } from '../catalog/catalog.js';
import type { EndpointRuntime } from '../catalog/runtime.js';
import type { EndpointFacts } from '../catalog/schema.js';
import type { GatewayConfig } from '../config/config.js';
import type { TierDecision } from '../policy/classification.js';
import { findVisibleEndpoint } from '../policy/visibility.js';
import { newRecordId, StoreError, type BlobStore, type GenerationRecord, type GenerationStatus, type GenerationStore } from '../store/index.js';
import { Admission } from './admission.js';
import { Dispatcher, TERMINAL_STATUSES, type DispatcherEvents } from './dispatcher.js';
import { normaliseInputs, type NormalisedValue, type UserError } from './inputs.js';
import { digestInputs, storeInputs } from './records.js';

export interface CreateGenerationRequest {
  readonly endpoint: string;
  readonly inputs: Record<string, unknown>;
  readonly idempotencyKey?: string | null;
}

export interface GenerationPayload {
  readonly generation: GenerationRecord | null;
  readonly userErrors: UserError[];
}

export interface GenerationListFilter {
  readonly endpoint?: string | null;
  readonly statuses?: readonly GenerationStatus[] | null;
  readonly createdAfter?: Date | null;
  readonly createdBefore?: Date | null;
}

export interface GenerationServiceOptions {
  readonly config: Pick<GatewayConfig, 'maxImageBytes' | 'maxVideoBytes' | 'limits'>;
  readonly catalog: Catalog;
  readonly tiers: ReadonlyMap<string, TierDecision>;
  readonly runtime: EndpointRuntime;
  readonly store: GenerationStore;
  readonly blobs: BlobStore;
  readonly dispatcher: Dispatcher;
  readonly events?: DispatcherEvents;
}

const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Creates and reads generations on behalf of authenticated callers. */
export class GenerationService {
  readonly admission: Admission;

  constructor(private readonly options: GenerationServiceOptions) {
    this.admission = new Admission(options.config.limits);
  }

  /** Wraps dispatcher events so in-flight counts drop when a generation finishes. */
  static dispatcherEvents(getService: () => GenerationService | undefined, next?: DispatcherEvents): DispatcherEvents {
    return {
      onFinished(event) {
        getService()?.admission.recordFinished(event.ownerId);
        next?.onFinished?.(event);
      },
      onQueueChanged(event) {
        next?.onQueueChanged?.(event);
      },
    };
  }

  /** Restores queues and in-flight counts from the store; call once before serving. */
  async start(): Promise<void> {
    const pending = await this.options.store.listGenerationsByStatus(['QUEUED', 'RUNNING']);
    for (const record of pending) {
      this.admission.recordRecovered(record.ownerId);
    }
    await this.options.dispatcher.recover();
  }

  /**
   * Validates and records a generation, then queues it for dispatch. Invalid input returns
   * user errors and stores nothing.
   *
   * @throws GraphQLError RATE_LIMITED or TOO_MANY_IN_FLIGHT when the caller is over a limit.
   */
  async create(principal: Principal, request: CreateGenerationRequest): Promise<GenerationPayload> {
    const endpoint = this.resolveEndpoint(principal, request.endpoint);
    if ('userErrors' in endpoint) {
      return endpoint;
    }

    const idempotencyKey = request.idempotencyKey ?? null;
    if (idempotencyKey !== null && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      return errors({
        field: ['idempotencyKey'],
        code: 'INVALID_VALUE',
        message: 'An idempotency key is 1 to 128 characters from A-Z a-z 0-9 . _ : -.',
      });
    }

    const normalised = await normaliseInputs(endpoint, request.inputs, this.options.config);
    if (normalised.inputs === null) {
      return { generation: null, userErrors: normalised.errors };
    }
    const policyError = this.checkCallPolicy(principal, endpoint, normalised.inputs.values);
    if (policyError) {
      return errors(policyError);
    }

    const inputDigest = digestInputs(endpoint.path, normalised.inputs.values);
    if (idempotencyKey !== null) {
      const existing = await this.findIdempotent(principal.ownerId, idempotencyKey);
      if (existing) {
        return this.replayIdempotent(existing, inputDigest);
      }
    }

    // The slot is taken before the first await, so concurrent requests cannot all pass the
    // limits; it is given back when nothing gets stored.
    const ticket = this.admission.admit(principal.ownerId);
    const releaseOnError = (error: unknown): never => {
      ticket.release();
      throw error;
    };
    const dispatch = this.options.runtime.endpoints.get(endpoint.path)!;
    const now = new Date();
    const record: GenerationRecord = {
      id: newRecordId('gen'),
      ownerId: principal.ownerId,
      ownerRole: principal.role,
      endpoint: endpoint.path,
      app: endpoint.app,
      status: 'QUEUED',
      inputs: await storeInputs(normalised.inputs.values, this.options.blobs).catch(releaseOnError),
      appliedDefaults: normalised.inputs.appliedDefaults,
      inputDigest,
      idempotencyKey,
      createdAt: now,
      updatedAt: now,
      startedAt: null,
      finishedAt: null,
      deadlineAt: new Date(now.getTime() + dispatch.deadlineSeconds * 1000),
      resultUrl: null,
      upstreamPosts: 0,
      attempts: 0,
      hops: 0,
      statusReason: 'Waiting for a free slot on the Modal app.',
      errorCode: null,
      errorMessage: null,
      upstreamStatus: null,
      upstreamDetail: null,
      costUsd: null,
      executionTimeSec: null,
      gpuType: null,
      upstreamLatencyMs: null,
      queueMs: null,
      coldStart: null,
    };

    const inserted = await this.options.store.insertGeneration(record).catch(releaseOnError);
    if (!inserted.created) {
      // A concurrent request with the same idempotency key won the insert.
      ticket.release();
      return this.replayIdempotent(inserted.generation, inputDigest);
    }
    this.options.dispatcher.enqueue(inserted.generation);
    return { generation: inserted.generation, userErrors: [] };
  }

  /** Cancels one of the caller's generations that has not finished yet. */
  async cancel(principal: Principal, id: string): Promise<GenerationPayload> {
    const current = await this.get(principal, id);
    if (!current) {
      return errors({ field: ['id'], code: 'NOT_FOUND', message: `No generation "${clip(id)}" exists for this API key.` });
    }
    if (TERMINAL_STATUSES.includes(current.status)) {
      return {
        generation: current,
        userErrors: [{ field: ['id'], code: 'NOT_CANCELABLE', message: `Generation ${current.id} already ended as ${current.status}.` }],
      };
    }
    const canceled = await this.options.dispatcher.cancel(id);
    if (!canceled) {
      const latest = await this.options.store.getGeneration(id);
      return {
        generation: latest,
        userErrors: [{ field: ['id'], code: 'NOT_CANCELABLE', message: `Generation ${id} finished before it could be canceled.` }],
      };
    }
    return { generation: canceled, userErrors: [] };
  }

  /** Returns a generation the caller may see: its own, or any for the internal role. */
  async get(principal: Principal, id: string): Promise<GenerationRecord | null> {
    if (id === '') {
      // The store rejects an empty id as a programming error; to a caller it is just unknown.
      return null;
    }
    const record = await this.options.store.getGeneration(id);
    return record && canSee(principal, record) ? record : null;
  }

  /**
   * Lists the caller's generations (every generation for the internal role), newest first.
   *
   * @throws GraphQLError BAD_USER_INPUT when `after` is not a cursor this API returned.
   */
  async list(
    principal: Principal,
    filter: GenerationListFilter,
    page: { first: number; after?: string | null },
  ): Promise<{ items: GenerationRecord[]; endCursor: string | null; hasNextPage: boolean }> {
    try {
      return await this.options.store.listGenerations(
        {
          ownerId: principal.role === 'internal' ? undefined : principal.ownerId,
          endpoint: filter.endpoint || undefined,
          statuses: filter.statuses && filter.statuses.length > 0 ? [...filter.statuses] : undefined,
          createdAfter: filter.createdAfter ?? undefined,
          createdBefore: filter.createdBefore ?? undefined,
        },
        { first: page.first, after: page.after ?? undefined },
      );
    } catch (error) {
      if (error instanceof StoreError && error.code === 'INVALID_CURSOR') {
        throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
      }
      throw error;
    }
  }

  private resolveEndpoint(principal: Principal, path: string): EndpointFacts | GenerationPayload {
    const endpoint = findVisibleEndpoint(this.options, principal.role, path);
    if (endpoint) {
      return endpoint;
    }
    const removed = this.options.catalog.removedEndpoints.get(path);
    if (removed && principal.role === 'internal') {
      return errors({
        field: ['endpoint'],
        code: 'ENDPOINT_REMOVED',
        message: `Endpoint "${removed.path}" was removed: ${removed.reason} Use "${removed.alternative}" instead.`,
      });
    }
    // Unknown, removed and hidden paths give a client the same error, so none can be distinguished.
    return errors({
      field: ['endpoint'],
      code: 'ENDPOINT_NOT_FOUND',
      message: `No endpoint "${clip(path)}" is available. Query "capabilities" for the endpoints you can call.`,
    });
  }

  /**
   * Checks that a client calls a primary endpoint with the input that makes it primary. Without
   * its reference or LoRA the call would be plain text-to-image or text-to-video, which is
   * reserved for internal use. An operator override replaces this rule for its endpoint.
   */
  private checkCallPolicy(principal: Principal, endpoint: EndpointFacts, values: ReadonlyMap<string, NormalisedValue>): UserError | null {
    if (principal.role === 'internal') {
      return null;
    }
    const decision = this.options.tiers.get(endpoint.path);
    if (!decision || decision.override) {
      return null;
    }
    const deciding = [...decision.referenceInputs, ...decision.loraInputs];
    if (deciding.some((name) => isProvided(values.get(name)))) {
      return null;
    }
    const names = deciding.map((name) => `"${name}"`).join(' or ');
    return {
      field: ['inputs', deciding[0] ?? 'inputs'],
      code: 'MISSING_INPUT',
      message: `Provide ${names}: this endpoint serves the app only with its ${decision.referenceInputs.length > 0 ? 'reference' : 'LoRA'} input.`,
    };
  }

  private findIdempotent(ownerId: string, key: string): Promise<GenerationRecord | null> {
    return this.options.store.findGenerationByIdempotencyKey(ownerId, key);
  }

  private replayIdempotent(existing: GenerationRecord, inputDigest: string): GenerationPayload {
    if (existing.inputDigest !== inputDigest) {
      return errors({
        field: ['idempotencyKey'],
        code: 'IDEMPOTENCY_CONFLICT',
        message: `Idempotency key "${existing.idempotencyKey}" was already used with a different endpoint or input (generation ${existing.id}); use a new key for a new request.`,
      });
    }
    return { generation: existing, userErrors: [] };
  }
}

/** True for a value that really carries a reference or names a LoRA; a blank name does not. */
function isProvided(value: NormalisedValue | undefined): boolean {
  if (typeof value === 'string') {
    return value.trim() !== '';
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  return value !== undefined;
}

function canSee(principal: Principal, record: GenerationRecord): boolean {
  return principal.role === 'internal' || record.ownerId === principal.ownerId;
}

function errors(error: UserError): GenerationPayload {
  return { generation: null, userErrors: [error] };
}

function clip(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
