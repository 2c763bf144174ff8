/**
 * One HTTP request/response exchange with a Modal origin over an undici dispatcher, with the
 * body collected into a Buffer under a size cap.
 *
 * It uses undici's dispatch handler API instead of `request()` because the handler learns when
 * the request is handed to a socket (`onRequestStart`). Failures before that point cannot have
 * reached Modal, so they are safe to retry. Failures after it may have started a GPU job.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';

import { CallStopped } from './call-guard.js';
import type { UpstreamErrorCode } from './upstream-error.js';

export interface ExchangeRequest {
  origin: string;
  method: 'GET' | 'POST';
  /** Path and query, such as `/flux-dev?__modal_function_call_id=fc-1`. */
  pathAndQuery: string;
  headers: Record<string, string>;
  body?: string;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Maximum body bytes of a 2xx response. A larger body fails with `UPSTREAM_BODY_TOO_LARGE`. */
  maxBodyBytes: number;
  /** Maximum bytes kept of any other response. The rest is read and dropped, so the socket stays usable. */
  maxErrorBodyBytes: number;
  signal: AbortSignal;
}

export interface ExchangeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
  /** `performance.now()` when the response headers arrived. */
  headersReceivedAt: number;
}

/** Network codes that mean no connection was established, so a retry may succeed. */
const RETRYABLE_CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);

/** undici codes raised when the dispatcher was closed or destroyed. */
const CLIENT_CLOSED_CODES = new Set(['UND_ERR_DESTROYED', 'UND_ERR_CLOSED']);

/**
 * A classified exchange failure. `kind` is an error code, or `STOPPED` when the call's guard
 * fired (deadline or cancel). The client turns it into an UpstreamError with the call's context.
 */
export class ExchangeFailure extends Error {
  override readonly name = 'ExchangeFailure';

  constructor(
    readonly kind: UpstreamErrorCode | 'STOPPED',
    /** Short technical reason, such as `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9`. */
    readonly reason: string,
    /** True once the request was handed to a socket, so bytes may have reached Modal. */
    readonly requestStarted: boolean,
    /** True only for connection failures that a second attempt may fix. */
    readonly retryable: boolean,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/**
 * Sends one request and collects the whole response. Resolves on any HTTP status. Rejects with an
 * {@link ExchangeFailure} on transport errors, stalls, truncation, oversize bodies and aborts.
 */
export function exchange(dispatcher: Dispatcher, request: ExchangeRequest): Promise<ExchangeResponse> {
  return new Promise((resolve, reject) => {
    const collector = new ResponseCollector(request, resolve, reject);
    collector.start(dispatcher);
  });
}

class ResponseCollector implements Dispatcher.DispatchHandler {
  readonly #request: ExchangeRequest;
  readonly #resolve: (response: ExchangeResponse) => void;
  readonly #reject: (failure: ExchangeFailure) => void;

  #settled = false;
  #requestStarted = false;
  #controller: Dispatcher.DispatchController | undefined;
  #pendingAbort: Error | undefined;

  #status: number | undefined;
  #headers: IncomingHttpHeaders = {};
  #headersReceivedAt = 0;
  #declaredLength: number | undefined;
  #receivedBytes = 0;
  #keptBytes = 0;
  #chunks: Buffer[] = [];

  constructor(
    request: ExchangeRequest,
    resolve: (response: ExchangeResponse) => void,
    reject: (failure: ExchangeFailure) => void,
  ) {
    this.#request = request;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  start(dispatcher: Dispatcher): void {
    const { signal } = this.#request;
    if (signal.aborted) {
      this.#fail(this.#stoppedFailure(signal.reason));
      return;
    }
    signal.addEventListener('abort', this.#onAbort, { once: true });

    dispatcher.dispatch(
      {
        origin: this.#request.origin,
        method: this.#request.method,
        path: this.#request.pathAndQuery,
        headers: this.#request.headers,
        body: this.#request.body ?? null,
        headersTimeout: this.#request.headersTimeoutMs,
        bodyTimeout: this.#request.bodyTimeoutMs,
      },
      this,
    );
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    if (this.#pendingAbort !== undefined) {
      // Aborting here stops undici before it writes anything to the socket.
      controller.abort(this.#pendingAbort);
      return;
    }
    this.#requestStarted = true;
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (statusCode < 200) {
      return;
    }
    this.#status = statusCode;
    this.#headers = headers;
    this.#headersReceivedAt = performance.now();
    this.#declaredLength = parseContentLength(headers['content-length']);

    if (this.#isSuccess() && this.#declaredLength !== undefined && this.#declaredLength > this.#request.maxBodyBytes) {
      this.#failTooLarge(controller, `Content-Length ${this.#declaredLength}`);
    }
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#receivedBytes += chunk.length;
    if (this.#settled) {
      return;
    }

    if (this.#isSuccess()) {
      if (this.#receivedBytes > this.#request.maxBodyBytes) {
        this.#failTooLarge(controller, `more than ${this.#request.maxBodyBytes} bytes received`);
        return;
      }
      this.#chunks.push(chunk);
      return;
    }

    const room = this.#request.maxErrorBodyBytes - this.#keptBytes;
    if (room > 0) {
      const slice = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.#chunks.push(slice);
      this.#keptBytes += slice.length;
    }
  }

  onResponseEnd(): void {
    if (this.#status === undefined) {
      this.#fail(new ExchangeFailure('UPSTREAM_CONNECTION_RESET', 'the response ended without a status line', true, false, undefined));
      return;
    }
    this.#succeed({
      status: this.#status,
      headers: this.#headers,
      bytes: Buffer.concat(this.#chunks),
      headersReceivedAt: this.#headersReceivedAt,
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#settled) {
      return;
    }
    this.#fail(this.#classify(error));
  }

  readonly #onAbort = (): void => {
    const reason: unknown = this.#request.signal.reason;
    const abortError = reason instanceof Error ? reason : new Error('request aborted');
    this.#fail(this.#stoppedFailure(reason));
    if (this.#controller === undefined) {
      this.#pendingAbort = abortError;
    } else {
      this.#controller.abort(abortError);
    }
  };

  #isSuccess(): boolean {
    return this.#status !== undefined && this.#status >= 200 && this.#status < 300;
  }

  #failTooLarge(controller: Dispatcher.DispatchController, observed: string): void {
    const failure = new ExchangeFailure(
      'UPSTREAM_BODY_TOO_LARGE',
      `response body exceeds maxResponseBytes ${this.#request.maxBodyBytes} (${observed})`,
      true,
      false,
      this.#status,
    );
    this.#fail(failure);
    controller.abort(failure);
  }

  #stoppedFailure(reason: unknown): ExchangeFailure {
    const text = reason instanceof CallStopped ? reason.message : 'the request was aborted';
    return new ExchangeFailure('STOPPED', text, this.#requestStarted, false, this.#status, { cause: reason });
  }

  #classify(error: Error): ExchangeFailure {
    const code = errorCode(error);
    const reason = code === undefined ? error.message : `${code}: ${error.message}`;
    const started = this.#requestStarted;
    const status = this.#status;

    if (code === 'UND_ERR_HEADERS_TIMEOUT') {
      return new ExchangeFailure('UPSTREAM_HEADERS_TIMEOUT', reason, started, false, status, { cause: error });
    }
    if (code === 'UND_ERR_BODY_TIMEOUT') {
      return new ExchangeFailure('UPSTREAM_BODY_TIMEOUT', reason, started, false, status, { cause: error });
    }
    if (code !== undefined && CLIENT_CLOSED_CODES.has(code)) {
      return new ExchangeFailure('UPSTREAM_CANCELED', reason, started, false, status, { cause: error });
    }
    if (this.#isTruncated(code)) {
      const truncated = `received ${this.#receivedBytes} of ${this.#declaredLength ?? 'unknown'} bytes declared by Content-Length (${reason})`;
      return new ExchangeFailure('UPSTREAM_TRUNCATED', truncated, started, false, status, { cause: error });
    }
    if (!started) {
      const retryable = code !== undefined && RETRYABLE_CONNECT_CODES.has(code);
      return new ExchangeFailure('UPSTREAM_CONNECTION_FAILED', reason, false, retryable, status, { cause: error });
    }
    return new ExchangeFailure('UPSTREAM_CONNECTION_RESET', reason, true, false, status, { cause: error });
  }

  /**
   * undici 7 reports a short body as a length mismatch only when the response carried
   * `connection: close`. On a keep-alive response the same event arrives as "other side closed",
   * so the counted bytes are compared with Content-Length as well.
   */
  #isTruncated(code: string | undefined): boolean {
    if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
      return true;
    }
    return this.#status !== undefined && this.#declaredLength !== undefined && this.#receivedBytes < this.#declaredLength;
  }

  #succeed(response: ExchangeResponse): void {
    if (this.#settled) {
      return;
    }
    this.#settled = true;
    this.#request.signal.removeEventListener('abort', this.#onAbort);
    this.#resolve(response);
  }

  #fail(failure: ExchangeFailure): void {
    if (this.#settled) {
      return;
    }
    this.#settled = true;
    this.#request.signal.removeEventListener('abort', this.#onAbort);
    this.#chunks = [];
    this.#reject(failure);
  }
}

function parseContentLength(value: string | string[] | undefined): number | undefined {
  if (typeof value !== 'string' || !/^[0-9]+$/.test(value.trim())) {
    return undefined;
  }
  return Number(value.trim());
}

function errorCode(error: Error): string | undefined {
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
