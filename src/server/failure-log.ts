/**
 * Counts failed generations per endpoint and error code, so an endpoint that fails again and
 * again fills the log with a few lines instead of one warning per generation. The first failure
 * of an endpoint and code is logged at once. Repeats are counted and logged as one summary line
 * per interval, and once more when the endpoint succeeds again.
 */
import type { Logger } from 'pino';

import type { DispatcherEvents } from '../generation/dispatcher.js';

type FinishedEvent = Parameters<NonNullable<DispatcherEvents['onFinished']>>[0];

export interface FailureLogOptions {
  readonly logger: Logger;
  /** How often repeated failures are summarised, in milliseconds. Default 60000. */
  readonly summaryIntervalMs?: number;
}

interface FailureCounter {
  readonly endpoint: string;
  readonly app: string;
  readonly errorCode: string;
  /** Failures since the first one was logged. */
  total: number;
  /** Failures not yet reported in a log line. */
  unreported: number;
}

/** Logs generation failures with repeats counted; one instance per gateway. */
export class GenerationFailureLog {
  private readonly counters = new Map<string, FailureCounter>();
  private readonly logger: Logger;
  private readonly timer: NodeJS.Timeout;

  constructor(options: FailureLogOptions) {
    this.logger = options.logger;
    this.timer = setInterval(() => this.flush(), options.summaryIntervalMs ?? 60_000);
    this.timer.unref();
  }

  /** Returns dispatcher events that record each finished generation, then call `next`. */
  wrap(next?: DispatcherEvents): DispatcherEvents {
    return {
      onFinished: (event) => {
        this.record(event);
        next?.onFinished?.(event);
      },
      onQueueChanged: (event) => next?.onQueueChanged?.(event),
    };
  }

  /**
   * Records one finished generation. FAILED and TIMED_OUT count as failures; SUCCEEDED ends the
   * counts of its endpoint; CANCELED is the caller's choice and counts as neither.
   */
  record(event: FinishedEvent): void {
    if (event.status === 'SUCCEEDED') {
      this.endCounts(event.endpoint);
      return;
    }
    if (event.status !== 'FAILED' && event.status !== 'TIMED_OUT') {
      return;
    }

    const errorCode = event.errorCode ?? event.status;
    const key = `${event.endpoint}\u0000${errorCode}`;
    const counter = this.counters.get(key);
    if (counter) {
      counter.total += 1;
      counter.unreported += 1;
      return;
    }
    this.counters.set(key, { endpoint: event.endpoint, app: event.app, errorCode, total: 1, unreported: 0 });
    this.logger.warn(
      { endpoint: event.endpoint, app: event.app, errorCode, status: event.status, generationId: event.generationId },
      'generation failed. Further failures of this endpoint with this code are counted and summarised',
    );
  }

  /**
   * Logs one summary line per endpoint and code with failures not yet reported. A counter with
   * none since the last flush is dropped, so the next failure there is logged at once again.
   */
  flush(): void {
    for (const [key, counter] of this.counters) {
      if (counter.unreported === 0) {
        this.counters.delete(key);
        continue;
      }
      this.logger.warn(
        { endpoint: counter.endpoint, app: counter.app, errorCode: counter.errorCode, count: counter.unreported, total: counter.total },
        `generation failures repeated: ${counter.unreported} more with ${counter.errorCode} on ${counter.endpoint}`,
      );
      counter.unreported = 0;
    }
  }

  /** Logs the remaining counts and stops the summary timer. */
  close(): void {
    clearInterval(this.timer);
    this.flush();
  }

  private endCounts(endpoint: string): void {
    for (const [key, counter] of this.counters) {
      if (counter.endpoint !== endpoint) {
        continue;
      }
      this.logger.info(
        { endpoint, app: counter.app, errorCode: counter.errorCode, count: counter.unreported, total: counter.total },
        `generation succeeded on ${endpoint} after ${counter.total} failures with ${counter.errorCode}`,
      );
      this.counters.delete(key);
    }
  }
}
