/**
 * The state and steps of one `submit` or `resume` call: the POST with its bounded retries, the
 * 303 result-URL loop, and the conversion of every failure into an UpstreamError that carries
 * the call's context (app, path, attempts, hops, result URL).
 */
import type { Dispatcher } from 'undici';

import { CallStopped, type CallGuard } from './call-guard.js';
import { MAX_ERROR_BODY_BYTES, type ResolvedClientOptions } from './client-options.js';
import type { UpstreamResult, UpstreamEvent } from './client-types.js';
import { parseErrorBody } from './error-body.js';
import { exchange, ExchangeFailure, type ExchangeResponse } from './exchange.js';
import { checkResultUrl, describeBadResultUrl } from './modal-origin.js';
import { readModalHeaders } from './response-headers.js';
import { computeBackoffMs, isPlatformRejection, parseRetryAfterMs } from './retry-policy.js';
import { UpstreamError, type UpstreamErrorCode, type UpstreamErrorDetails } from './upstream-error.js';

/** The app a call talks to and the connection pool for it. */
export interface CallTarget {
  app: string;
  origin: string;
  dispatcher: Dispatcher;
}

type ResultUrlListener = ((resultUrl: string) => void | Promise<void>) | undefined;

export class ModalCall {
  #attempts = 0;
  #hops = 0;
  readonly #hopMs: number[] = [];
  #resultUrl: string | undefined;
  #jobMayHaveStarted = false;
  #method: 'GET' | 'POST' = 'POST';
  readonly #startedAt = performance.now();

  constructor(
    readonly target: CallTarget,
    /** Endpoint path without a query, such as `/flux-dev`. */
    readonly path: string,
    readonly options: ResolvedClientOptions,
    readonly guard: CallGuard,
  ) {}

  /**
   * POSTs `body` and returns the first response that is not a platform rejection. Retries, with
   * backoff, only connection failures before the request reached a socket and platform
   * rejections (see `isPlatformRejection`). Every other failure is thrown at once.
   */
  async post(body: string): Promise<ExchangeResponse> {
    this.#method = 'POST';
    for (let attempt = 1; ; attempt += 1) {
      this.#attempts = attempt;
      const sentAt = performance.now();

      let response: ExchangeResponse;
      try {
        response = await this.#send('POST', this.path, body);
      } catch (error) {
        if (!(error instanceof ExchangeFailure)) {
          throw error;
        }
        if (error.requestStarted) {
          this.#jobMayHaveStarted = true;
        }
        const retryInMs = error.retryable ? this.#retryDelay(attempt, undefined) : undefined;
        this.#emitAttempt(attempt, sentAt, { code: this.#codeOf(error), retryInMs });
        if (retryInMs === undefined) {
          throw error;
        }
        await this.guard.sleep(retryInMs);
        continue;
      }

      const rejected = this.#isRejectedByPlatform(response);
      const retryAfterMs = parseRetryAfterMs(headerText(response, 'retry-after'), Date.now());
      const retryInMs = rejected ? this.#retryDelay(attempt, retryAfterMs) : undefined;
      this.#emitAttempt(attempt, sentAt, { status: response.status, retryInMs });
      if (retryInMs === undefined) {
        // FastAPI validates the body (422) before the handler runs, and a platform rejection never
        // reached the app, so neither can have started a job.
        this.#jobMayHaveStarted = !rejected && response.status !== 422;
        return response;
      }
      await this.guard.sleep(retryInMs);
    }
  }

  /**
   * Reads the `Location` of a 303 response to the POST, records it as the result URL and awaits
   * `onAccepted` before anything else is sent. Returns the absolute result URL.
   */
  async accept(response: ExchangeResponse, onAccepted: ResultUrlListener): Promise<string> {
    const resultUrl = this.#locationOf(response, this.target.origin + this.path);
    this.#jobMayHaveStarted = true;
    this.#resultUrl = resultUrl;
    this.#emit({ type: 'accepted', app: this.target.app, path: this.path, ms: this.#elapsedMs() });
    await onAccepted?.(resultUrl);
    return resultUrl;
  }

  /** Records a stored result URL for `resume` after checking that it is on the app's origin. */
  adoptResultUrl(storedUrl: string): string {
    this.#jobMayHaveStarted = true;
    const checked = checkResultUrl(storedUrl, this.target.origin);
    if (typeof checked === 'string') {
      throw this.#error('UPSTREAM_BAD_REDIRECT', describeBadResultUrl(storedUrl, checked));
    }
    this.#resultUrl = checked.href;
    return checked.href;
  }

  /**
   * GETs the result URL until a response other than 303 arrives, never re-sending the POST. Each
   * 303 may point at the same URL again, and a different URL is reported through `onAccepted`.
   */
  async pollResult(resultUrl: string, onAccepted: ResultUrlListener): Promise<ExchangeResponse> {
    this.#method = 'GET';
    let currentUrl = resultUrl;
    for (;;) {
      if (this.#hops >= this.options.maxHops) {
        throw this.#error(
          'UPSTREAM_BAD_REDIRECT',
          `Modal app ${this.target.app} still responded with 303 for ${this.path} after ${this.#hops} result-URL requests (maxHops ${this.options.maxHops}). The job may still be running, so resume from the result URL or raise maxHops.`,
        );
      }
      this.#hops += 1;
      const response = await this.#timedHop(currentUrl);
      if (response.status !== 303) {
        return response;
      }
      const nextUrl = this.#locationOf(response, currentUrl);
      if (nextUrl !== currentUrl) {
        this.#resultUrl = nextUrl;
        await onAccepted?.(nextUrl);
      }
      currentUrl = nextUrl;
    }
  }

  /** Turns a 2xx response into the result. Throws `UPSTREAM_HTTP_ERROR` for any other status. */
  finish(response: ExchangeResponse): UpstreamResult {
    this.#emit({
      type: 'response',
      app: this.target.app,
      path: this.path,
      status: response.status,
      ms: this.#elapsedMs(),
      hops: this.#hops,
      bytes: response.bytes.length,
    });
    if (response.status < 200 || response.status >= 300) {
      throw this.#httpError(response);
    }

    const contentType = headerText(response, 'content-type');
    const result: UpstreamResult = {
      status: response.status,
      bytes: response.bytes,
      contentType: contentType ?? null,
      headers: readModalHeaders(response.headers),
      hops: this.#hops,
      attempts: this.#attempts,
      timings: {
        firstByteMs: response.headersReceivedAt - this.#startedAt,
        totalMs: this.#elapsedMs(),
        hopMs: [...this.#hopMs],
      },
    };
    if (this.#resultUrl !== undefined) {
      result.resultUrl = this.#resultUrl;
    }
    return result;
  }

  /**
   * Converts any failure of the call into what the caller should see: an UpstreamError with the
   * call's context, or, for exceptions thrown by `onAccepted`, that exception unchanged.
   */
  fail(error: unknown): unknown {
    let upstream: UpstreamError;
    if (error instanceof UpstreamError) {
      upstream = error;
    } else if (error instanceof CallStopped) {
      upstream = this.#stoppedError();
    } else if (error instanceof ExchangeFailure) {
      upstream = error.kind === 'STOPPED' ? this.#stoppedError() : this.#transportError(error);
    } else {
      return error;
    }
    this.#emit({
      type: 'failure',
      app: this.target.app,
      path: this.path,
      code: upstream.code,
      jobMayHaveStarted: upstream.jobMayHaveStarted,
      ms: this.#elapsedMs(),
    });
    return upstream;
  }

  async #timedHop(url: string): Promise<ExchangeResponse> {
    const sentAt = performance.now();
    const parsed = new URL(url);
    try {
      const response = await this.#send('GET', parsed.pathname + parsed.search, undefined);
      const ms = performance.now() - sentAt;
      this.#hopMs.push(ms);
      this.#emit({ type: 'hop', app: this.target.app, path: this.path, hop: this.#hops, ms, status: response.status });
      return response;
    } catch (error) {
      const ms = performance.now() - sentAt;
      this.#hopMs.push(ms);
      const code = error instanceof ExchangeFailure ? this.#codeOf(error) : undefined;
      this.#emit({ type: 'hop', app: this.target.app, path: this.path, hop: this.#hops, ms, ...(code && { code }) });
      throw error;
    }
  }

  #send(method: 'GET' | 'POST', pathAndQuery: string, body: string | undefined): Promise<ExchangeResponse> {
    const headers: Record<string, string> = { ...this.options.authHeaders };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    return exchange(this.target.dispatcher, {
      origin: this.target.origin,
      method,
      pathAndQuery,
      headers,
      ...(body !== undefined && { body }),
      headersTimeoutMs: this.options.headersTimeoutMs,
      bodyTimeoutMs: this.options.bodyTimeoutMs,
      maxBodyBytes: this.options.maxResponseBytes,
      maxErrorBodyBytes: MAX_ERROR_BODY_BYTES,
      signal: this.guard.signal,
    });
  }

  #isRejectedByPlatform(response: ExchangeResponse): boolean {
    if (response.status !== 429 && response.status !== 502 && response.status !== 503) {
      return false;
    }
    return isPlatformRejection(response.status, parseErrorBody(response.bytes, response.status).fromApp);
  }

  /** Returns the backoff before the next attempt, or undefined when no attempt is left in time. */
  #retryDelay(attempt: number, retryAfterMs: number | undefined): number | undefined {
    const { retry } = this.options;
    if (attempt >= retry.attempts) {
      return undefined;
    }
    const backoff = computeBackoffMs(attempt, retry);
    const delay = retryAfterMs === undefined ? backoff : Math.max(backoff, Math.min(retryAfterMs, retry.maxDelayMs));
    // Sleeping past the deadline would only turn the real failure into a timeout.
    return delay < this.guard.remainingMs() ? delay : undefined;
  }

  #locationOf(response: ExchangeResponse, requestUrl: string): string {
    const location = headerText(response, 'location');
    if (location === undefined || location.trim() === '') {
      throw this.#error(
        'UPSTREAM_BAD_REDIRECT',
        `Modal app ${this.target.app} responded with 303 without a Location header for ${this.path}. The job may be running, but its result URL is unknown, so check the app's logs in Modal.`,
      );
    }
    const checked = checkResultUrl(location.trim(), this.target.origin, requestUrl);
    if (typeof checked === 'string') {
      throw this.#error('UPSTREAM_BAD_REDIRECT', describeBadResultUrl(location, checked));
    }
    return checked.href;
  }

  #httpError(response: ExchangeResponse): UpstreamError {
    const parsed = parseErrorBody(response.bytes, response.status);
    const typeSuffix = parsed.upstreamType === undefined ? '' : ` (${parsed.upstreamType})`;
    const viaPoll = this.#hops > 0 ? ' while waiting on the result URL' : '';
    return this.#error(
      'UPSTREAM_HTTP_ERROR',
      `Modal app ${this.target.app} returned HTTP ${response.status} for ${this.path}${viaPoll}: ${parsed.message}${typeSuffix}`,
      {
        status: response.status,
        ...(parsed.detail !== undefined && { detail: parsed.detail }),
        ...(parsed.upstreamType !== undefined && { upstreamType: parsed.upstreamType }),
      },
    );
  }

  #transportError(failure: ExchangeFailure): UpstreamError {
    const code = this.#codeOf(failure);
    const where = `${this.#method} ${this.path}`;
    const app = `Modal app ${this.target.app}`;
    const details = { cause: failure.cause ?? failure, ...(failure.status !== undefined && { status: failure.status }) };

    switch (code) {
      case 'UPSTREAM_CONNECTION_FAILED':
        return this.#error(
          code,
          `Could not connect to ${app} at ${this.target.origin} for ${where} after ${this.#attempts} attempt(s) (${failure.reason}). Check that the app is deployed and that the origin is right. ${this.#jobHint()}`,
          details,
        );
      case 'UPSTREAM_HEADERS_TIMEOUT':
        return this.#error(
          code,
          `${app} sent no response headers for ${where} within headersTimeoutMs (${this.options.headersTimeoutMs} ms). ${this.#jobHint()}`,
          details,
        );
      case 'UPSTREAM_BODY_TIMEOUT':
        return this.#error(
          code,
          `${app} paused the response body for ${where} longer than bodyTimeoutMs (${this.options.bodyTimeoutMs} ms). ${this.#jobHint()}`,
          details,
        );
      case 'UPSTREAM_TRUNCATED':
        return this.#error(code, `${app} closed the connection during the response to ${where}: ${failure.reason}. ${this.#jobHint()}`, details);
      case 'UPSTREAM_BODY_TOO_LARGE':
        return this.#error(
          code,
          `${app} sent a response to ${where} whose ${failure.reason}. Raise maxResponseBytes if outputs of this size are expected.`,
          details,
        );
      case 'UPSTREAM_CANCELED':
        return this.#error(code, `The Modal client was closed during ${where} on ${app}. ${this.#jobHint()}`, details);
      default:
        return this.#error(
          'UPSTREAM_CONNECTION_RESET',
          `The connection to ${app} closed during ${where} (${failure.reason}). ${this.#jobHint()}`,
          details,
        );
    }
  }

  #stoppedError(): UpstreamError {
    const elapsed = Math.round(this.#elapsedMs());
    if (this.guard.stopReason() === 'deadline') {
      return this.#error(
        'UPSTREAM_TIMEOUT',
        `Modal app ${this.target.app} did not finish ${this.path} before the deadline (${elapsed} ms after the call started, ${this.#hops} result-URL requests). ${this.#jobHint()}`,
      );
    }
    return this.#error(
      'UPSTREAM_CANCELED',
      `The caller canceled ${this.path} on Modal app ${this.target.app} after ${elapsed} ms. ${this.#jobHint()}`,
    );
  }

  #jobHint(): string {
    if (this.#resultUrl !== undefined) {
      return 'The job may still be running, so resume from the stored result URL.';
    }
    if (this.#jobMayHaveStarted) {
      return 'The job may have started, so check Modal before submitting again, because each POST starts a new paid job.';
    }
    return 'No job was started, so submitting again is safe.';
  }

  #error(
    code: UpstreamErrorCode,
    message: string,
    extra: Pick<UpstreamErrorDetails, 'status' | 'detail' | 'upstreamType' | 'cause'> = {},
  ): UpstreamError {
    return new UpstreamError(code, message, {
      ...extra,
      jobMayHaveStarted: this.#jobMayHaveStarted,
      attempts: this.#attempts,
      app: this.target.app,
      path: this.path,
      hops: this.#hops,
      ...(this.#resultUrl !== undefined && { resultUrl: this.#resultUrl }),
    });
  }

  #emitAttempt(
    attempt: number,
    sentAt: number,
    outcome: { status?: number; code?: UpstreamErrorCode; retryInMs: number | undefined },
  ): void {
    this.#emit({
      type: 'attempt',
      app: this.target.app,
      path: this.path,
      attempt,
      ms: performance.now() - sentAt,
      ...(outcome.status !== undefined && { status: outcome.status }),
      ...(outcome.code !== undefined && { code: outcome.code }),
      ...(outcome.retryInMs !== undefined && { retryInMs: outcome.retryInMs }),
    });
  }

  /** Maps a failure to the code it is reported with. A stopped call is a timeout or a cancel. */
  #codeOf(failure: ExchangeFailure): UpstreamErrorCode {
    if (failure.kind !== 'STOPPED') {
      return failure.kind;
    }
    return this.guard.stopReason() === 'deadline' ? 'UPSTREAM_TIMEOUT' : 'UPSTREAM_CANCELED';
  }

  #emit(event: UpstreamEvent): void {
    this.options.emit(event);
  }

  #elapsedMs(): number {
    return performance.now() - this.#startedAt;
  }
}

function headerText(response: ExchangeResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
