import { STATUS_CODES, createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { z } from 'zod';

import type { AppFacts, CatalogFile, EndpointFacts } from '../catalog/schema.js';
import { FaultTable, jobFailureOf, type EmulatorFault } from './faults.js';
import { renderOutput } from './render-output.js';
import { detailReply, errorReply, handlerExceptionReply, jsonReply, type Reply } from './replies.js';
import { validateRequest, type AcceptedRequest } from './validate-request.js';

/** Query parameter of Modal's result URL, as sent in the 303 `Location`. */
export const CALL_ID_PARAMETER = '__modal_function_call_id';

export interface EmulatorOptions {
  /** The parsed catalog; every endpoint in it is served. */
  catalog: CatalogFile;
  /** Default `127.0.0.1`. Only loopback addresses are accepted, because the emulator has no auth. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 150000, Modal's limit. How long a POST or result GET may block before a 303. */
  requestCapMs?: number;
  /** Default 50. How long each job runs, unless a fault sets `jobMs` for its path. */
  jobMs?: number;
  /** Default true. Send the endpoint's catalog `costHeaders` (X-Cost-USD and others) on success. */
  costHeaders?: boolean;
  /** Default: every LoRA name is accepted. When set, a request naming another LoRA file gets 404, like a missing file. */
  loras?: string[];
  /** Default 67108864 (64 MiB). Larger request bodies get 413. */
  maxBodyBytes?: number;
  /** Default: none. Receives unexpected handler errors, which also become 500 responses. */
  logger?: EmulatorLogger;
}

/** The one logging call the emulator makes; a pino logger fits. */
export interface EmulatorLogger {
  error(details: { err: unknown; method: string; url: string }, message: string): void;
}

/** One request exactly as it arrived. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The body decoded as UTF-8 and never re-serialised, so 64-bit seed digits stay as sent. */
  rawBody: string;
  receivedAt: Date;
}

/** One accepted POST and what happened to it. */
export interface EmulatedJob {
  callId: string;
  path: string;
  startedAt: Date;
  finishedAt?: Date;
  durationMs: number;
  state: 'running' | 'succeeded' | 'failed';
  /** 303 responses sent for this job, the POST's included. */
  redirects: number;
  /** GET requests on its result URL. */
  polls: number;
}

/** A running emulator; see `startEmulator`. */
export interface Emulator {
  /** Origin such as `http://127.0.0.1:41234`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in arrival order, including rejected and reset ones. */
  readonly requests: readonly RecordedRequest[];
  readonly jobs: readonly EmulatedJob[];
  /** Number of POSTs received for `path`, or for all paths. */
  countPosts(path?: string): number;
  /**
   * Replaces the fault settings for a catalog path, or for all with `'*'`. A path's own fields
   * win over those of `'*'`. Settings apply to requests that arrive afterwards.
   * Throws when the path is unknown or a setting is invalid.
   */
  setFault(path: string, fault: EmulatorFault): void;
  /** Removes the faults of one key, or all faults. */
  clearFaults(path?: string): void;
  /** Stops the server, drops open connections and cancels running jobs. */
  close(): Promise<void>;
}

const optionsSchema = z.object({
  host: z
    .string()
    .refine((host) => host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host), {
      message: 'expected a loopback address such as 127.0.0.1, because the emulator has no authentication',
    })
    .default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(0),
  requestCapMs: z.number().int().positive().default(150_000),
  jobMs: z.number().int().nonnegative().default(50),
  costHeaders: z.boolean().default(true),
  loras: z.array(z.string().min(1)).optional(),
  maxBodyBytes: z.number().int().positive().default(64 * 1024 * 1024),
  logger: z.custom<EmulatorLogger>((value) => typeof (value as EmulatorLogger | undefined)?.error === 'function').optional(),
});

type ResolvedOptions = z.infer<typeof optionsSchema>;

interface JobEntry {
  record: EmulatedJob;
  finished: boolean;
  waiters: Set<() => void>;
  /** Set by the `redirectHops` fault: 303s still to send before the result. */
  forcedHopsLeft: number | undefined;
  result: Reply;
}

/**
 * Starts a local HTTP server that behaves like the catalog's Modal endpoints: POST + JSON in,
 * raw media bytes out under the declared (often wrong) Content-Type, handler error shapes,
 * and Modal's 303 result-URL flow for jobs longer than `requestCapMs`.
 *
 * Resolves once listening. Rejects when an option is invalid (including a non-loopback host)
 * or the port cannot be bound.
 */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`startEmulator: invalid options:\n${z.prettifyError(parsed.error)}`);
  }
  const emulator = new ModalEmulator(options.catalog, parsed.data);
  await emulator.listen();
  return emulator;
}

class ModalEmulator implements Emulator {
  readonly requests: RecordedRequest[] = [];
  readonly jobs: EmulatedJob[] = [];
  url = '';
  port = 0;

  private readonly server: Server;
  private readonly endpoints: Map<string, EndpointFacts>;
  private readonly apps: Map<string, AppFacts>;
  private readonly faults: FaultTable;
  private readonly knownLoras: ReadonlySet<string> | undefined;
  private readonly jobsById = new Map<string, JobEntry>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private callCount = 0;

  constructor(
    catalog: CatalogFile,
    private readonly options: ResolvedOptions,
  ) {
    this.endpoints = new Map(catalog.endpoints.map((endpoint) => [endpoint.path, endpoint]));
    this.apps = new Map(catalog.apps.map((app) => [app.name, app]));
    this.faults = new FaultTable(new Set(this.endpoints.keys()));
    this.knownLoras = options.loras === undefined ? undefined : new Set(options.loras);
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.port = address.port;
    this.url = `http://${host}:${address.port}`;
  }

  countPosts(path?: string): number {
    return this.requests.filter((request) => request.method === 'POST' && (path === undefined || request.path === path)).length;
  }

  setFault(path: string, fault: EmulatorFault): void {
    this.faults.set(path, fault);
  }

  clearFaults(path?: string): void {
    this.faults.clear(path);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const body = await readBody(request, this.options.maxBodyBytes);
      const url = new URL(request.url ?? '/', 'http://emulator.invalid');
      this.requests.push({
        method: request.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { ...request.headers },
        rawBody: body.text,
        receivedAt: new Date(),
      });

      if (body.tooLarge) {
        await this.send(response, { kind: 'text', status: 413, body: 'Request Entity Too Large' }, {});
        return;
      }
      await this.route(request, response, url, body.text);
    } catch (error) {
      this.options.logger?.error({ err: error, method: request.method ?? '', url: request.url ?? '' }, 'Emulator request failed');
      if (response.headersSent) {
        response.destroy();
        return;
      }
      // Like the handlers' catch-all: an unexpected exception becomes a 500 with its message.
      const message = error instanceof Error ? error.message : String(error);
      const name = error instanceof Error ? error.name : 'Exception';
      await this.send(response, handlerExceptionReply(500, message, name), {});
    }
  }

  private async route(request: IncomingMessage, response: ServerResponse, url: URL, rawBody: string): Promise<void> {
    const method = request.method ?? '';
    if (method === 'GET' && url.pathname === '/health') {
      await this.send(response, jsonReply(200, { status: 'healthy', app: 'emulator' }), {});
      return;
    }
    if (method === 'GET' && url.pathname === '/loras') {
      await this.send(response, jsonReply(200, { loras: [...(this.knownLoras ?? [])] }), {});
      return;
    }

    const endpoint = this.endpoints.get(url.pathname);
    if (endpoint === undefined) {
      await this.send(response, detailReply(404, 'Not Found'), {});
      return;
    }
    const callId = url.searchParams.get(CALL_ID_PARAMETER);
    const isPost = method === 'POST';
    if (!isPost && !(method === 'GET' && callId !== null)) {
      await this.send(response, detailReply(405, 'Method Not Allowed'), {});
      return;
    }

    const fault = this.faults.resolve(endpoint.path);
    if (fault.resetConnection === true) {
      request.socket.destroy();
      return;
    }
    if (fault.latencyMs !== undefined) {
      await this.sleep(fault.latencyMs);
    }

    const reply = isPost
      ? await this.replyToPost(endpoint, rawBody, fault)
      : await this.replyToResultRequest(endpoint, callId ?? '', fault);
    await this.send(response, reply, fault);
  }

  private async replyToPost(endpoint: EndpointFacts, rawBody: string, fault: EmulatorFault): Promise<Reply> {
    const rejection = this.faults.takeRejection(endpoint.path);
    if (rejection !== undefined) {
      const body = rejection.body ?? `${rejection.status} ${STATUS_CODES[rejection.status] ?? 'Error'}`;
      return { kind: 'text', status: rejection.status, body };
    }
    if (fault.errorStatus !== undefined) {
      return errorReply(fault.errorStatus, fault.errorShape ?? 'detail', fault.errorMessage ?? 'Emulated fault');
    }

    const outcome = await validateRequest(endpoint, rawBody, this.knownLoras);
    if (!outcome.ok) {
      return outcome.reply;
    }
    return this.nextReplyFor(this.startJob(endpoint, outcome.request, fault));
  }

  private async replyToResultRequest(endpoint: EndpointFacts, callId: string, fault: EmulatorFault): Promise<Reply> {
    if (fault.errorStatus !== undefined) {
      return errorReply(fault.errorStatus, fault.errorShape ?? 'detail', fault.errorMessage ?? 'Emulated fault');
    }
    const job = this.jobsById.get(callId);
    if (job === undefined || job.record.path !== endpoint.path) {
      return detailReply(404, `Function call not found: ${callId}`);
    }
    job.record.polls += 1;
    return this.nextReplyFor(job);
  }

  private startJob(endpoint: EndpointFacts, request: AcceptedRequest, fault: EmulatorFault): JobEntry {
    const durationMs = fault.jobMs ?? this.options.jobMs;
    const failure = jobFailureOf(fault);
    const result: Reply =
      failure === undefined
        ? {
            kind: 'media',
            ...renderOutput({
              endpoint,
              app: this.apps.get(endpoint.app),
              request,
              jobMs: durationMs,
              includeCostHeaders: this.options.costHeaders,
            }),
          }
        : errorReply(failure.status, failure.shape, failure.message);

    this.callCount += 1;
    const record: EmulatedJob = {
      callId: `fc-01EMULATOR${String(this.callCount).padStart(16, '0')}`,
      path: endpoint.path,
      startedAt: new Date(),
      durationMs,
      state: 'running',
      redirects: 0,
      polls: 0,
    };
    const job: JobEntry = { record, finished: false, waiters: new Set(), forcedHopsLeft: fault.redirectHops, result };
    this.jobs.push(record);
    this.jobsById.set(record.callId, job);

    this.schedule(durationMs, () => {
      job.finished = true;
      record.state = failure === undefined ? 'succeeded' : 'failed';
      record.finishedAt = new Date();
      for (const wake of job.waiters) {
        wake();
      }
      job.waiters.clear();
    });
    return job;
  }

  /**
   * Returns the job result once the job ends, or a 303 to the result URL once `requestCapMs`
   * passes first. With forced hops, the first N replies are 303s at once, and the next one waits
   * for the job however long it takes.
   */
  private async nextReplyFor(job: JobEntry): Promise<Reply> {
    if (job.forcedHopsLeft !== undefined) {
      if (job.forcedHopsLeft > 0) {
        job.forcedHopsLeft -= 1;
        return this.redirectTo(job);
      }
      await this.waitForJob(job, undefined);
      return job.result;
    }

    const finished = await this.waitForJob(job, this.options.requestCapMs);
    return finished ? job.result : this.redirectTo(job);
  }

  private redirectTo(job: JobEntry): Reply {
    job.record.redirects += 1;
    return { kind: 'redirect', location: `${this.url}${job.record.path}?${CALL_ID_PARAMETER}=${job.record.callId}` };
  }

  /** Resolves true when the job has ended, or false when `capMs` passed first. */
  private waitForJob(job: JobEntry, capMs: number | undefined): Promise<boolean> {
    if (job.finished) {
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      let capTimer: NodeJS.Timeout | undefined;
      const onFinished = (): void => {
        if (capTimer !== undefined) {
          this.cancel(capTimer);
        }
        resolve(true);
      };
      job.waiters.add(onFinished);
      if (capMs !== undefined) {
        capTimer = this.schedule(capMs, () => {
          job.waiters.delete(onFinished);
          resolve(false);
        });
      }
    });
  }

  private async send(response: ServerResponse, reply: Reply, fault: EmulatorFault): Promise<void> {
    if (fault.stallHeadersMs !== undefined) {
      await this.sleep(fault.stallHeadersMs);
    }
    if (response.destroyed) {
      return;
    }

    switch (reply.kind) {
      case 'redirect':
        response.writeHead(303, { location: reply.location, 'content-length': 0 });
        response.end();
        return;
      case 'json':
        sendText(response, reply.status, 'application/json', JSON.stringify(reply.body));
        return;
      case 'text':
        sendText(response, reply.status, 'text/plain; charset=utf-8', reply.body);
        return;
      case 'media':
        await this.sendMedia(response, reply, fault);
        return;
    }
  }

  private async sendMedia(
    response: ServerResponse,
    reply: Extract<Reply, { kind: 'media' }>,
    fault: EmulatorFault,
  ): Promise<void> {
    const { bytes } = reply;
    response.writeHead(200, { ...reply.headers, 'content-length': bytes.length });
    const half = Math.floor(bytes.length / 2);

    if (fault.truncateBody === true) {
      response.write(bytes.subarray(0, half), () => response.socket?.destroy());
      return;
    }
    if (fault.stallBodyMs !== undefined) {
      response.write(bytes.subarray(0, half));
      await this.sleep(fault.stallBodyMs);
      if (!response.destroyed) {
        response.end(bytes.subarray(half));
      }
      return;
    }
    response.end(bytes);
  }

  private schedule(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** A delay that `close()` cancels; the awaiting handler then never resumes. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(ms, resolve));
  }
}

function sendText(response: ServerResponse, status: number, contentType: string, text: string): void {
  const body = Buffer.from(text, 'utf8');
  response.writeHead(status, { 'content-type': contentType, 'content-length': body.length });
  response.end(body);
}

/** Reads the whole body; past `maxBytes` it keeps draining but stops storing. */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) {
      chunks.push(chunk);
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > maxBytes };
}
