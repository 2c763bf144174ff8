/**
 * One AbortSignal for a whole `submit` or `resume` call: it fires when the overall deadline
 * passes or when the caller's signal aborts, whichever comes first, across all attempts and hops.
 */

/** Reason a guarded call stopped early. */
export type StopReason = 'deadline' | 'canceled';

/** Node clamps longer timer delays to 1 ms, so longer deadlines are re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface CallGuard {
  readonly signal: AbortSignal;
  /** Reason the signal fired, or undefined while it has not fired. */
  stopReason(): StopReason | undefined;
  /** Milliseconds left until the deadline (negative once it has passed). */
  remainingMs(): number;
  /** Waits `ms` milliseconds, or rejects with the signal's reason if the guard fires first. */
  sleep(ms: number): Promise<void>;
  /** Clears the deadline timer and detaches from the caller's signal. */
  dispose(): void;
}

/** Abort reason of a guard, so that callers can distinguish a stop from other failures. */
export class CallStopped extends Error {
  override readonly name = 'CallStopped';

  constructor(readonly reason: StopReason) {
    super(reason === 'deadline' ? 'the overall deadline passed' : 'the caller canceled the request');
  }
}

/** Creates a guard for a call that must end by `deadlineAt` (epoch milliseconds, as `Date.now()`). */
export function createCallGuard(deadlineAt: number, callerSignal: AbortSignal | undefined): CallGuard {
  const controller = new AbortController();
  let stopReason: StopReason | undefined;
  let timer: NodeJS.Timeout | undefined;

  const stop = (reason: StopReason): void => {
    if (stopReason !== undefined) {
      return;
    }
    stopReason = reason;
    controller.abort(new CallStopped(reason));
  };

  const armTimer = (): void => {
    const remaining = deadlineAt - Date.now();
    if (remaining <= 0) {
      stop('deadline');
      return;
    }
    timer = setTimeout(armTimer, Math.min(remaining, MAX_TIMER_MS));
  };

  const onCallerAbort = (): void => stop('canceled');

  if (callerSignal?.aborted === true) {
    stop('canceled');
  } else {
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    armTimer();
  }

  return {
    signal: controller.signal,
    stopReason: () => stopReason,
    remainingMs: () => deadlineAt - Date.now(),
    sleep: (ms) => sleepUnlessAborted(ms, controller.signal),
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
