/**
 * Sends queued generations to Modal, at most `concurrency` per app at once in FIFO order, and
 * records every state change in the store before acting on it. The store, not memory, is the
 * source of truth: after a restart `recover` rebuilds the queues and resumes waiting on stored
 * result URLs, and nothing that may already have started a GPU job is ever sent again.
 */
import type { Logger } from 'pino';

import type { Catalog } from '../catalog/catalog.js';
import type { EndpointRuntime } from '../catalog/runtime.js';
import { inspectMedia } from '../media/index.js';
import { newRecordId, type ArtifactRecord, type BlobStore, type GenerationRecord, type GenerationStatus, type GenerationStore } from '../store/index.js';
import type { ModalClient, UpstreamResult } from '../upstream/index.js';
import { UpstreamError } from '../upstream/index.js';
import { loadInputs } from './records.js';
import { buildUpstreamBody } from './upstream-body.js';
import { describeUpstreamFailure } from './upstream-failure.js';

const MAX_REPOLLS = 3;
const REPOLL_DELAY_MS = 500;
const REPOLLABLE_CODES = new Set([
  'UPSTREAM_CONNECTION_RESET',
  'UPSTREAM_CONNECTION_FAILED',
  'UPSTREAM_HEADERS_TIMEOUT',
  'UPSTREAM_BODY_TIMEOUT',
  'UPSTREAM_TRUNCATED',
  'UPSTREAM_HTTP_ERROR',
]);

export const TERMINAL_STATUSES: readonly GenerationStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED', 'TIMED_OUT'];

/** Events for metrics; plain callbacks, called synchronously. */
export interface DispatcherEvents {
  onFinished?(event: {
    generationId: string;
    ownerId: string;
    endpoint: string;
    app: string;
    status: GenerationStatus;
    errorCode: string | null;
    durationMs: number | null;
  }): void;
  onQueueChanged?(event: { app: string; queued: number; running: number }): void;
}

export interface DispatcherOptions {
  readonly store: GenerationStore;
  readonly blobs: BlobStore;
  readonly client: ModalClient;
  readonly catalog: Catalog;
  readonly runtime: EndpointRuntime;
  readonly logger: Logger;
  readonly events?: DispatcherEvents;
  /** How often RUNNING generations are checked against their deadline, in ms. Default 5000. */
  readonly sweepIntervalMs?: number;
  /** How long shutdown waits for POSTs that Modal has not accepted yet, in ms. Default 10000. */
  readonly shutdownGraceMs?: number;
}

type StopReason = 'cancel' | 'deadline' | 'shutdown';

interface InFlight {
  readonly controller: AbortController;
  stopReason: StopReason | null;
  hasResultUrl: boolean;
  /** Resolves once the result URL is stored or the run ended, whichever comes first. */
  readonly accepted: Promise<void>;
  markAccepted(): void;
  readonly done: Promise<void>;
}

/** Runs generations against Modal; one instance per gateway process. */
export class Dispatcher {
  private readonly queues = new Map<string, string[]>();
  private readonly running = new Map<string, number>();
  private readonly inFlight = new Map<string, InFlight>();
  private readonly lastCallAt = new Map<string, number>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private accepting = true;

  constructor(private readonly options: DispatcherOptions) {}

  /**
   * Rebuilds state from the store. RUNNING generations with a result URL resume waiting on it.
   * RUNNING ones without one end FAILED and are never re-sent, because Modal may have started
   * them. QUEUED ones go back into their app's queue in creation order.
   */
  async recover(): Promise<{ resumed: number; failed: number; requeued: number }> {
    const { store, logger } = this.options;
    const pending = await store.listGenerationsByStatus(['QUEUED', 'RUNNING']);
    let resumed = 0;
    let failed = 0;
    let requeued = 0;

    for (const record of pending) {
      if (record.status === 'QUEUED') {
        this.queueOf(record.app).push(record.id);
        requeued += 1;
      } else if (record.resultUrl) {
        this.startResume(record);
        resumed += 1;
      } else {
        await this.finish(record.id, ['RUNNING'], {
          status: 'FAILED',
          errorCode: 'INTERRUPTED',
          errorMessage: 'The gateway stopped before Modal accepted the request.',
          statusReason:
            'Interrupted before Modal accepted the request; it was not sent again because a GPU job may have started.',
        });
        failed += 1;
      }
    }

    logger.info({ resumed, failed, requeued }, 'recovered generations from the store');
    for (const app of this.queues.keys()) {
      this.pump(app);
    }
    this.startSweeper();
    return { resumed, failed, requeued };
  }

  /** Adds a QUEUED generation to its app's queue. */
  enqueue(record: GenerationRecord): void {
    this.queueOf(record.app).push(record.id);
    this.pump(record.app);
  }

  /** Number of generations waiting and running for `app`. */
  depth(app: string): { queued: number; running: number } {
    return { queued: this.queues.get(app)?.length ?? 0, running: this.running.get(app) ?? 0 };
  }

  /**
   * Cancels a generation that has not finished. Returns the updated record, or null when it had
   * already reached a terminal state.
   */
  async cancel(id: string): Promise<GenerationRecord | null> {
    const { store } = this.options;
    const queued = await this.finish(id, ['QUEUED'], {
      status: 'CANCELED',
      statusReason: 'Canceled by the caller before dispatch; nothing was sent to Modal.',
    });
    if (queued) {
      this.removeFromQueue(queued.app, id);
      return queued;
    }

    const running = await this.finish(id, ['RUNNING'], {
      status: 'CANCELED',
      statusReason: 'Canceled by the caller while running; Modal may still finish the job it accepted, but its output is discarded.',
    });
    if (running) {
      const flight = this.inFlight.get(id);
      if (flight) {
        flight.stopReason = 'cancel';
        flight.controller.abort(new Error('canceled by the caller'));
      }
      return running;
    }
    const current = await store.getGeneration(id);
    return current && TERMINAL_STATUSES.includes(current.status) ? null : current;
  }

  /**
   * Stops taking work and ends in-flight waits without changing their stored state, so every
   * generation that Modal accepted stays resumable. POSTs still waiting for Modal's first
   * response get `shutdownGraceMs` to receive their result URL first.
   */
  async shutdown(): Promise<void> {
    this.accepting = false;
    if (this.sweepTimer) {
      clearInterval(this.sweepTimer);
      this.sweepTimer = null;
    }

    const graceMs = this.options.shutdownGraceMs ?? 10_000;
    const unaccepted = [...this.inFlight.values()].filter((flight) => !flight.hasResultUrl).map((flight) => flight.accepted);
    await Promise.race([Promise.allSettled(unaccepted), delay(graceMs)]);

    const remaining = [...this.inFlight.values()];
    for (const flight of remaining) {
      flight.stopReason = 'shutdown';
      flight.controller.abort(new Error('the gateway is shutting down'));
    }
    await Promise.allSettled(remaining.map((flight) => flight.done));
  }

  private queueOf(app: string): string[] {
    let queue = this.queues.get(app);
    if (!queue) {
      queue = [];
      this.queues.set(app, queue);
    }
    return queue;
  }

  private removeFromQueue(app: string, id: string): void {
    const queue = this.queues.get(app);
    const index = queue?.indexOf(id) ?? -1;
    if (queue && index >= 0) {
      queue.splice(index, 1);
      this.emitQueue(app);
    }
  }

  private pump(app: string): void {
    const limit = this.options.runtime.apps.get(app)?.concurrency ?? 1;
    const queue = this.queueOf(app);
    while (this.accepting && queue.length > 0 && (this.running.get(app) ?? 0) < limit) {
      const id = queue.shift()!;
      this.running.set(app, (this.running.get(app) ?? 0) + 1);
      this.track(id, (signal, flight) => this.runQueued(id, signal, flight), app);
    }
    this.emitQueue(app);
  }

  private startResume(record: GenerationRecord): void {
    this.running.set(record.app, (this.running.get(record.app) ?? 0) + 1);
    this.track(record.id, (signal, flight) => this.runResume(record, signal, flight), record.app);
  }

  private track(id: string, run: (signal: AbortSignal, flight: InFlight) => Promise<void>, app: string): void {
    const controller = new AbortController();
    let resolveDone!: () => void;
    let resolveAccepted!: () => void;
    const flight: InFlight = {
      controller,
      stopReason: null,
      hasResultUrl: false,
      accepted: new Promise<void>((resolve) => {
        resolveAccepted = resolve;
      }),
      markAccepted: () => resolveAccepted(),
      done: new Promise<void>((resolve) => {
        resolveDone = resolve;
      }),
    };
    this.inFlight.set(id, flight);

    run(controller.signal, flight)
      .catch((error: unknown) => {
        this.options.logger.error({ err: error, generationId: id }, 'generation run failed unexpectedly');
        return this.finish(id, ['QUEUED', 'RUNNING'], {
          status: 'FAILED',
          errorCode: 'INTERNAL_ERROR',
          errorMessage: 'The gateway failed while running the generation.',
          statusReason: 'Internal gateway error; see the gateway log for this generation id.',
        });
      })
      .finally(() => {
        this.inFlight.delete(id);
        this.running.set(app, Math.max(0, (this.running.get(app) ?? 1) - 1));
        resolveAccepted();
        resolveDone();
        this.pump(app);
      });
  }

  private async runQueued(id: string, signal: AbortSignal, flight: InFlight): Promise<void> {
    const { store, blobs, client, catalog, logger } = this.options;
    const record = await store.getGeneration(id);
    if (!record || record.status !== 'QUEUED') {
      return;
    }
    const endpoint = catalog.endpoints.get(record.endpoint);
    if (!endpoint) {
      await this.finish(id, ['QUEUED'], {
        status: 'FAILED',
        errorCode: 'ENDPOINT_GONE',
        errorMessage: 'The endpoint is no longer in the catalog.',
        statusReason: 'The catalog no longer lists this endpoint; nothing was sent to Modal.',
      });
      return;
    }

    const now = Date.now();
    if (now >= record.deadlineAt.getTime()) {
      await this.finish(id, ['QUEUED'], {
        status: 'TIMED_OUT',
        errorCode: 'DEADLINE_EXCEEDED',
        errorMessage: 'The generation waited in the queue past its deadline.',
        statusReason: 'Waited in the queue past its deadline; nothing was sent to Modal.',
      });
      return;
    }

    const values = await loadInputs(endpoint, record.inputs, blobs);
    const body = buildUpstreamBody(endpoint, values);
    if (signal.aborted || !this.accepting) {
      // Shutdown began before the POST: the generation stays QUEUED and is queued again on start.
      return;
    }
    const coldStart = this.isColdStart(record.app, now);
    const started = await store.transitionGeneration(id, ['QUEUED'], {
      status: 'RUNNING',
      startedAt: new Date(now),
      queueMs: now - record.createdAt.getTime(),
      upstreamPosts: record.upstreamPosts + 1,
      coldStart,
      statusReason: 'Sent to Modal; waiting for the result.',
    });
    if (!started) {
      return;
    }
    this.lastCallAt.set(record.app, now);

    const deadlineTimer = this.armDeadline(started, flight);
    try {
      let result: UpstreamResult;
      try {
        result = await client.submit({
          app: record.app,
          path: record.endpoint,
          body,
          deadlineAt: started.deadlineAt,
          signal,
          onAccepted: async (resultUrl: string) => {
            flight.hasResultUrl = true;
            await store.updateGeneration(id, { resultUrl, statusReason: 'Accepted by Modal; waiting on its result URL.' });
            // Only now may shutdown abort the wait: the stored URL makes the generation resumable.
            flight.markAccepted();
            logger.debug({ generationId: id }, 'Modal accepted the generation and returned a result URL');
          },
        });
      } catch (error) {
        result = await this.repollAfterHopFailure(started, error, signal);
      }
      await this.succeed(started, result);
    } catch (error) {
      await this.fail(started, error, flight);
    } finally {
      clearTimeout(deadlineTimer);
    }
  }

  private async runResume(record: GenerationRecord, signal: AbortSignal, flight: InFlight): Promise<void> {
    flight.hasResultUrl = true;
    flight.markAccepted();
    const deadlineTimer = this.armDeadline(record, flight);
    try {
      let result: UpstreamResult;
      try {
        result = await this.resumeOnce(record.id, record.app, record.resultUrl!, record.deadlineAt, signal);
      } catch (error) {
        result = await this.repollAfterHopFailure(record, error, signal);
      }
      await this.succeed(record, result);
    } catch (error) {
      await this.fail(record, error, flight);
    } finally {
      clearTimeout(deadlineTimer);
    }
  }

  private resumeOnce(id: string, app: string, resultUrl: string, deadlineAt: Date, signal: AbortSignal): Promise<UpstreamResult> {
    return this.options.client.resume({
      app,
      resultUrl,
      deadlineAt,
      signal,
      onAccepted: async (nextUrl: string) => {
        await this.options.store.updateGeneration(id, { resultUrl: nextUrl });
      },
    });
  }

  /**
   * Polls the result URL again after a GET on it failed for a reason unrelated to the job: a
   * reset connection, a stalled or cut body, or a platform 502/503. The job keeps running at
   * Modal, so polling again, a bounded number of times with a pause, beats failing a paid
   * generation. Errors without a result URL, and app errors, are rethrown.
   */
  private async repollAfterHopFailure(record: GenerationRecord, error: unknown, signal: AbortSignal): Promise<UpstreamResult> {
    let lastError = error;
    for (let attempt = 1; attempt <= MAX_REPOLLS; attempt += 1) {
      if (!(lastError instanceof UpstreamError) || !lastError.resultUrl || !REPOLLABLE_CODES.has(lastError.code) || signal.aborted) {
        throw lastError;
      }
      if (lastError.code === 'UPSTREAM_HTTP_ERROR' && lastError.status !== 502 && lastError.status !== 503 && lastError.status !== 504) {
        throw lastError;
      }
      this.options.logger.warn(
        { generationId: record.id, code: lastError.code, attempt },
        'polling the result URL failed; polling it again',
      );
      await delay(REPOLL_DELAY_MS * attempt);
      try {
        return await this.resumeOnce(record.id, record.app, lastError.resultUrl, record.deadlineAt, signal);
      } catch (next) {
        lastError = next;
      }
    }
    throw lastError;
  }

  // The client enforces the deadline too; this timer is the backstop that guarantees no
  // generation stays RUNNING past it, whatever the upstream does.
  private armDeadline(record: GenerationRecord, flight: InFlight): NodeJS.Timeout {
    const remaining = Math.max(0, record.deadlineAt.getTime() - Date.now());
    const timer = setTimeout(() => {
      flight.stopReason = 'deadline';
      flight.controller.abort(new Error('deadline exceeded'));
    }, remaining + 1000);
    timer.unref();
    return timer;
  }

  private async succeed(record: GenerationRecord, result: UpstreamResult): Promise<void> {
    const { blobs } = this.options;
    const inspected = await inspectMedia(result.bytes);
    if (!inspected.mediaType) {
      await this.finish(record.id, ['RUNNING'], {
        status: 'FAILED',
        errorCode: 'INVALID_OUTPUT',
        errorMessage: 'The endpoint answered with bytes that are not a recognised image or video.',
        upstreamStatus: result.status,
        upstreamDetail: `Declared Content-Type ${result.contentType ?? 'none'}, ${result.bytes.length} bytes of unknown format.`,
        statusReason: 'Modal answered 200, but the body is not an image or video.',
        hops: result.hops,
      });
      return;
    }

    const put = await blobs.put(result.bytes);
    // A cancel may have ended the generation while the bytes were written, so the artifact is
    // attached in the same transaction as the RUNNING -> SUCCEEDED transition, or not at all.
    const artifact: ArtifactRecord = {
      id: newRecordId('art'),
      generationId: record.id,
      mediaType: inspected.mediaType,
      declaredContentType: result.contentType ?? null,
      byteSize: put.byteSize,
      width: inspected.width ?? null,
      height: inspected.height ?? null,
      sha256: put.sha256,
      storageKey: put.storageKey,
      createdAt: new Date(),
    };
    const patch = {
      status: 'SUCCEEDED' as const,
      statusReason: `The endpoint returned ${inspected.mediaType}; result-URL hops: ${result.hops}.`,
      hops: result.hops,
      costUsd: result.headers.costUsd ?? null,
      executionTimeSec: result.headers.executionTimeSec ?? null,
      gpuType: result.headers.gpuType ?? null,
      upstreamLatencyMs: Math.round(result.timings.totalMs),
      resultUrl: result.resultUrl ?? record.resultUrl,
    };
    const updated = await this.finish(record.id, ['RUNNING'], patch, artifact);
    if (!updated) {
      this.options.logger.warn(
        { generationId: record.id, storageKey: put.storageKey },
        'Modal returned an output for a generation that is no longer RUNNING; the output is kept as a blob but not attached',
      );
    }
  }

  private async fail(record: GenerationRecord, error: unknown, flight: InFlight): Promise<void> {
    const stop = flight.stopReason;
    if (stop === 'shutdown' || stop === 'cancel') {
      // Shutdown leaves the record RUNNING for recovery; cancel already recorded CANCELED.
      return;
    }
    if (!(error instanceof UpstreamError)) {
      throw error;
    }

    if (stop === 'deadline' || error.code === 'UPSTREAM_TIMEOUT') {
      const deadlineSeconds = Math.round((record.deadlineAt.getTime() - (record.startedAt ?? record.createdAt).getTime()) / 1000);
      await this.finish(record.id, ['RUNNING'], {
        status: 'TIMED_OUT',
        errorCode: 'DEADLINE_EXCEEDED',
        errorMessage: 'No result arrived before the deadline.',
        statusReason: `No result from Modal within the ${deadlineSeconds} s deadline.`,
        upstreamDetail: error.message,
        hops: error.hops ?? record.hops,
      });
      return;
    }

    await this.finish(record.id, ['RUNNING'], {
      status: 'FAILED',
      ...describeUpstreamFailure(error),
      attempts: error.attempts ?? record.attempts,
      hops: error.hops ?? record.hops,
    });
  }

  private async finish(
    id: string,
    from: GenerationStatus[],
    patch: Partial<GenerationRecord> & { status: GenerationStatus },
    artifact?: ArtifactRecord,
  ): Promise<GenerationRecord | null> {
    const finishedAt = new Date();
    const store = this.options.store;
    const updated = artifact
      ? await store.transitionGenerationWithArtifact(id, from, artifact, { ...patch, finishedAt })
      : await store.transitionGeneration(id, from, { ...patch, finishedAt });
    if (updated) {
      const durationMs = updated.startedAt ? finishedAt.getTime() - updated.startedAt.getTime() : null;
      this.options.events?.onFinished?.({
        generationId: updated.id,
        ownerId: updated.ownerId,
        endpoint: updated.endpoint,
        app: updated.app,
        status: updated.status,
        errorCode: updated.errorCode,
        durationMs,
      });
      this.options.logger.info(
        { generationId: id, endpoint: updated.endpoint, status: updated.status, errorCode: updated.errorCode ?? undefined },
        'generation finished',
      );
    }
    return updated;
  }

  private isColdStart(app: string, now: number): boolean {
    const window = (this.options.catalog.apps.get(app)?.scaledownWindowSeconds ?? 300) * 1000;
    const last = this.lastCallAt.get(app);
    return last === undefined || now - last > window;
  }

  private startSweeper(): void {
    if (this.sweepTimer) {
      return;
    }
    this.sweepTimer = setInterval(() => {
      this.sweepDeadlines().catch((error: unknown) => this.options.logger.error({ err: error }, 'deadline sweep failed'));
    }, this.options.sweepIntervalMs ?? 5000);
    this.sweepTimer.unref();
  }

  /**
   * Ends generations past their deadline: QUEUED ones still waiting for a slot, which are never
   * sent, and RUNNING ones that no run is waiting on. Returns how many it ended.
   */
  async sweepDeadlines(): Promise<number> {
    const pending = await this.options.store.listGenerationsByStatus(['QUEUED', 'RUNNING']);
    const now = Date.now();
    let ended = 0;
    for (const record of pending) {
      if (record.deadlineAt.getTime() > now) {
        continue;
      }
      if (record.status === 'QUEUED') {
        const updated = await this.finish(record.id, ['QUEUED'], {
          status: 'TIMED_OUT',
          errorCode: 'DEADLINE_EXCEEDED',
          errorMessage: 'The generation waited in the queue past its deadline.',
          statusReason: 'Waited in the queue past its deadline; nothing was sent to Modal.',
        });
        if (updated) {
          this.removeFromQueue(updated.app, updated.id);
          ended += 1;
        }
        continue;
      }
      if (this.inFlight.has(record.id)) {
        continue;
      }
      const updated = await this.finish(record.id, ['RUNNING'], {
        status: 'TIMED_OUT',
        errorCode: 'DEADLINE_EXCEEDED',
        errorMessage: 'No result arrived before the deadline.',
        statusReason: 'Past its deadline with no request waiting on it.',
      });
      ended += updated ? 1 : 0;
    }
    return ended;
  }

  private emitQueue(app: string): void {
    this.options.events?.onQueueChanged?.({ app, ...this.depth(app) });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
}
