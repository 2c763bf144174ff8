/**
 * Public types of the Modal client: options, call arguments, results and metric events.
 */
import type { ModalResponseHeaders } from './response-headers.js';
import type { RetryOptions } from './retry-policy.js';
import type { UpstreamErrorCode } from './upstream-error.js';

/** Modal proxy auth token, sent as the `Modal-Key` and `Modal-Secret` request headers. */
export interface ProxyAuth {
  key: string;
  secret: string;
}

export interface ModalClientOptions {
  /**
   * Returns the origin of a Modal app, such as `https://ryla--ryla-flux-comfyui-fastapi-app.modal.run`
   * (see `buildModalOrigin`) or an override origin such as an emulator's. Called once per app.
   */
  resolveOrigin: (app: string) => string;
  /** Connections per app: a number for every app, or a function of the app name. Default 5. */
  connections?: number | ((app: string) => number);
  proxyAuth?: ProxyAuth;
  /** Maximum bytes of a successful response body. Default 256 MiB. */
  maxResponseBytes?: number;
  /**
   * Seconds after which Modal cuts a web request and responds with 303. Default 150. The per-request
   * stall limits default to this plus 30 seconds.
   */
  requestCapSeconds?: number;
  /** Maximum wait for the response headers of one request, in milliseconds. */
  headersTimeoutMs?: number;
  /** Maximum pause between two chunks of one response body, in milliseconds. */
  bodyTimeoutMs?: number;
  /** Maximum wait for a TCP/TLS connection, in milliseconds. Default 10 000. */
  connectTimeoutMs?: number;
  /** Maximum GET requests on result URLs per call. Default 48 (two hours at 150 s each). */
  maxHops?: number;
  retry?: Partial<RetryOptions>;
  /**
   * Receives metric events. It runs synchronously inside the client. Exceptions it throws are
   * ignored, so that metrics can never change the outcome of a paid job.
   */
  onEvent?: (event: UpstreamEvent) => void;
}

export interface SubmitRequest {
  /** Modal app name, such as `ryla-flux`. */
  app: string;
  /** Endpoint path, such as `/flux-dev`. */
  path: string;
  /** The JSON request body, already serialized. It is sent byte for byte. */
  body: string;
  /** Time by which the whole call must end: a Date, or epoch milliseconds as from `Date.now()`. */
  deadlineAt: Date | number;
  signal?: AbortSignal;
  /**
   * Called with the result URL when Modal responds with 303, before the first GET on it, and
   * again whenever a later 303 hands out a different URL. The client waits for the returned
   * promise, so the caller can store the URL first. An exception thrown here ends the call with
   * that exception.
   */
  onAccepted?: (resultUrl: string) => void | Promise<void>;
}

export interface ResumeRequest {
  /** Modal app that accepted the job. The result URL must be on its origin. */
  app: string;
  /** Result URL stored from an earlier `onAccepted`. */
  resultUrl: string;
  /** Time by which the whole call must end: a Date, or epoch milliseconds. */
  deadlineAt: Date | number;
  signal?: AbortSignal;
  /** Called whenever a 303 hands out a result URL different from the current one. */
  onAccepted?: (resultUrl: string) => void | Promise<void>;
}

/** A successful (2xx) response of a Modal endpoint. */
export interface UpstreamResult {
  status: number;
  /** The response body exactly as received. */
  bytes: Buffer;
  /** The Content-Type header as declared, which Modal handlers often get wrong. */
  contentType: string | null;
  headers: ModalResponseHeaders;
  /** GET requests made on result URLs (0 when the POST itself returned the output). */
  hops: number;
  /** The last result URL, when Modal responded with 303. */
  resultUrl?: string;
  /** POST attempts made (0 for `resume`). */
  attempts: number;
  timings: {
    /** Milliseconds from the start of the call until the headers of the final response arrived. */
    firstByteMs: number;
    /** Milliseconds from the start of the call until the final body was complete. */
    totalMs: number;
    /** Duration of each GET on a result URL, in milliseconds. */
    hopMs: number[];
  };
}

export interface HealthProbe {
  /** True when the app origin sent any HTTP response. */
  reachable: boolean;
  /** True when `/health` returned 200 with `{"status":"healthy"}`. */
  healthy: boolean;
  status?: number;
  latencyMs: number;
  error?: { code: UpstreamErrorCode; message: string };
}

/** Metric events. `path` is always the endpoint path without a query. */
export type UpstreamEvent =
  | {
      type: 'attempt';
      app: string;
      path: string;
      attempt: number;
      ms: number;
      /** HTTP status of the response, when one arrived. */
      status?: number;
      /** Error code, when the attempt failed without an HTTP response. */
      code?: UpstreamErrorCode;
      /** Backoff before the next attempt, when the client retries. */
      retryInMs?: number;
    }
  | { type: 'accepted'; app: string; path: string; ms: number }
  | { type: 'hop'; app: string; path: string; hop: number; ms: number; status?: number; code?: UpstreamErrorCode }
  | { type: 'response'; app: string; path: string; status: number; ms: number; hops: number; bytes: number }
  | { type: 'failure'; app: string; path: string; code: UpstreamErrorCode; jobMayHaveStarted: boolean; ms: number };

export interface ModalClient {
  /**
   * POSTs `body` to the app's `path` and waits for the output, following 303 result URLs with
   * GET. Resolves on a 2xx response and throws an UpstreamError otherwise. Throws a TypeError,
   * before anything is sent, for invalid arguments or an invalid origin from `resolveOrigin`.
   */
  submit(request: SubmitRequest): Promise<UpstreamResult>;
  /** Continues waiting on a stored result URL with the same GET loop as `submit`. */
  resume(request: ResumeRequest): Promise<UpstreamResult>;
  /** GETs `/health` on the app origin. Network failures are returned in `error`, not thrown. */
  probeHealth(app: string, options?: { timeoutMs?: number }): Promise<HealthProbe>;
  /** Closes all connection pools after their in-flight requests finish. */
  close(): Promise<void>;
  /** Closes all connection pools at once, so in-flight calls fail with `UPSTREAM_CANCELED`. */
  destroy(): Promise<void>;
}
