/**
 * Per-key admission control for generations: a rate limit over a sliding one-minute window and
 * a cap on generations queued or running at once. Both count generations, not HTTP requests,
 * because one request may carry at most one generation but a repeated idempotent request
 * creates none.
 */
import { GraphQLError } from 'graphql';

const WINDOW_MS = 60_000;

/**
 * Retry delay suggested for TOO_MANY_IN_FLIGHT. When a slot frees depends on how long the
 * caller's running generations take, which the gateway cannot know in advance.
 */
const IN_FLIGHT_RETRY_SECONDS = 5;

export interface AdmissionLimits {
  readonly generationsPerMinute: number;
  readonly maxInFlightPerKey: number;
}

/**
 * A slot taken by `Admission.admit`. The generation keeps it once stored; `release` returns it
 * when nothing was stored, such as a failed insert or a concurrent idempotent duplicate.
 */
export interface AdmissionTicket {
  /** Returns the slot and the rate-window entry; calls after the first do nothing. */
  release(): void;
}

/** Tracks recent and in-flight generations per owner, in memory. */
export class Admission {
  private readonly recent = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Checks that `ownerId` may create one more generation and takes the slot at once, in the
   * same synchronous step, so concurrent requests cannot all pass the check before any of them
   * is counted.
   *
   * @throws GraphQLError RATE_LIMITED or TOO_MANY_IN_FLIGHT, with `extensions.retryAfterSeconds`.
   */
  admit(ownerId: string): AdmissionTicket {
    const now = this.now();
    const times = this.prune(ownerId, now);
    if (times.length >= this.limits.generationsPerMinute) {
      // The window slides: one slot frees when the oldest counted generation leaves it.
      const retryAfterSeconds = Math.max(1, Math.ceil((times[0]! + WINDOW_MS - now) / 1000));
      throw new GraphQLError(
        `This API key created ${times.length} generations in the last minute; the limit is ${this.limits.generationsPerMinute}. Retry in ${retryAfterSeconds} s.`,
        { extensions: { code: 'RATE_LIMITED', retryAfterSeconds } },
      );
    }
    const active = this.inFlight.get(ownerId) ?? 0;
    if (active >= this.limits.maxInFlightPerKey) {
      throw new GraphQLError(
        `This API key has ${active} generations queued or running; the limit is ${this.limits.maxInFlightPerKey}. Retry when one finishes (about ${IN_FLIGHT_RETRY_SECONDS} s), or cancel one.`,
        { extensions: { code: 'TOO_MANY_IN_FLIGHT', retryAfterSeconds: IN_FLIGHT_RETRY_SECONDS } },
      );
    }

    times.push(now);
    this.inFlight.set(ownerId, active + 1);
    let released = false;
    return {
      release: () => {
        if (released) {
          return;
        }
        released = true;
        this.forget(ownerId, now);
        this.recordFinished(ownerId);
      },
    };
  }

  /** Counts a generation rebuilt from the store after a restart as in flight. */
  recordRecovered(ownerId: string): void {
    this.inFlight.set(ownerId, (this.inFlight.get(ownerId) ?? 0) + 1);
  }

  /** Releases one in-flight slot when a generation reaches a terminal state. */
  recordFinished(ownerId: string): void {
    const active = (this.inFlight.get(ownerId) ?? 0) - 1;
    if (active > 0) {
      this.inFlight.set(ownerId, active);
    } else {
      this.inFlight.delete(ownerId);
    }
  }

  private prune(ownerId: string, now: number): number[] {
    const times = (this.recent.get(ownerId) ?? []).filter((time) => now - time < WINDOW_MS);
    this.recent.set(ownerId, times);
    return times;
  }

  private forget(ownerId: string, time: number): void {
    const times = this.recent.get(ownerId);
    const index = times?.indexOf(time) ?? -1;
    if (times && index >= 0) {
      times.splice(index, 1);
    }
  }
}
