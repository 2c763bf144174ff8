/**
 * Benchmark 1: throughput and latency of the client's `capabilities` query through the gateway,
 * against a plain Apollo Server with the same schema and resolvers, and against node:http
 * sending the gateway's response bytes. Each server runs alone in a child process; autocannon
 * runs in this process.
 */
import { isDeepStrictEqual } from 'node:util';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import autocannon from 'autocannon';
import { request } from 'undici';

import { startChildServer, type ChildServer } from './child-server.js';
import type { ChildSpec } from './child-protocol.js';
import { BENCH_CLIENT_KEY, gatewayEnv } from './gateway-env.js';

/** The query a client sends to build its endpoint picker and forms: every client-visible field. */
export const CAPABILITIES_QUERY = `query Capabilities {
  capabilities {
    path purpose modality classification tier referenceInputs loraInputs
    output { mediaType }
    inputs {
      name type role required description default min max maxLength allowedValues
      isReference isLora media acceptedMediaTypes maxBytes minItems maxItems
    }
  }
}`;

export interface ThroughputRow {
  readonly server: string;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly requests: number;
  /** Connection errors, timeouts and non-2xx responses during the measured run. */
  readonly failures: number;
}

export interface CapabilitiesResult {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly responseBytes: number;
  readonly endpoints: number;
  readonly gateway: ThroughputRow;
  readonly gatewayWithoutAccessLog: ThroughputRow;
  readonly plainApollo: ThroughputRow;
  readonly bareHttp: ThroughputRow;
}

export interface CapabilitiesOptions {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly workDir: string;
  readonly cpuProfileDir?: string;
}

const REQUEST_HEADERS = {
  'content-type': 'application/json',
  authorization: `Bearer ${BENCH_CLIENT_KEY}`,
};
const REQUEST_BODY = JSON.stringify({ query: CAPABILITIES_QUERY });

/** Runs the three servers one after another and measures each. */
export async function runCapabilitiesBenchmark(options: CapabilitiesOptions): Promise<CapabilitiesResult> {
  const gatewaySpec = (logLevel: string, name: string): ChildSpec => ({
    kind: 'gateway',
    env: gatewayEnv({ dataDir: path.join(options.workDir, name), logLevel }),
  });

  let reference: Buffer | undefined;
  const gateway = await measureChild('gateway', gatewaySpec('info', 'capabilities-info'), options, (body) => {
    reference = body;
  });
  const gatewayWithoutAccessLog = await measureChild('gateway, LOG_LEVEL=warn', gatewaySpec('warn', 'capabilities-warn'), options, (body) =>
    assertSameData(reference!, body, 'the gateway at LOG_LEVEL=warn'),
  );
  const plainApollo = await measureChild('plain Apollo Server 5', { kind: 'plain-apollo' }, options, (body) =>
    assertSameData(reference!, body, 'plain Apollo'),
  );

  const responseFile = path.join(options.workDir, 'capabilities-response.json');
  writeFileSync(responseFile, reference!);
  const bareHttp = await measureChild('node:http, precomputed bytes', { kind: 'bare-http', responseFile }, options, () => {});

  const parsed = JSON.parse(reference!.toString('utf8')) as { data: { capabilities: unknown[] } };
  return {
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    warmupSeconds: options.warmupSeconds,
    responseBytes: reference!.length,
    endpoints: parsed.data.capabilities.length,
    gateway,
    gatewayWithoutAccessLog,
    plainApollo,
    bareHttp,
  };
}

async function measureChild(
  label: string,
  spec: ChildSpec,
  options: CapabilitiesOptions,
  checkResponse: (body: Buffer) => void,
): Promise<ThroughputRow> {
  const logFile = spec.kind === 'gateway' ? path.join(options.workDir, `${label.replace(/\W+/g, '-')}.log`) : undefined;
  const child: ChildServer = await startChildServer(spec, { logFile, cpuProfileDir: options.cpuProfileDir });
  try {
    checkResponse(await fetchOnce(child.url, label));
    await load(child.url, options.connections, options.warmupSeconds);
    const result = await load(child.url, options.connections, options.durationSeconds);
    return {
      server: label,
      requestsPerSecond: result.requests.average,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      requests: result.requests.total,
      failures: result.errors + result.timeouts + result.non2xx,
    };
  } finally {
    await child.stop();
  }
}

function load(url: string, connections: number, durationSeconds: number) {
  return autocannon({ url, connections, duration: durationSeconds, method: 'POST', headers: REQUEST_HEADERS, body: REQUEST_BODY });
}

async function fetchOnce(url: string, label: string): Promise<Buffer> {
  const response = await request(url, { method: 'POST', headers: REQUEST_HEADERS, body: REQUEST_BODY });
  const body = Buffer.from(await response.body.arrayBuffer());
  const parsed = JSON.parse(body.toString('utf8')) as { data?: { capabilities?: unknown[] }; errors?: unknown[] };
  if (response.statusCode !== 200 || parsed.errors || !parsed.data?.capabilities?.length) {
    throw new Error(`${label} responded to the capabilities query with HTTP ${response.statusCode}: ${body.toString('utf8').slice(0, 500)}`);
  }
  return body;
}

function assertSameData(reference: Buffer, body: Buffer, label: string): void {
  if (!isDeepStrictEqual(JSON.parse(reference.toString('utf8')), JSON.parse(body.toString('utf8')))) {
    throw new Error(`${label} returned other capabilities data than the gateway; the comparison would not be like for like`);
  }
}
