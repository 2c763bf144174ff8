/**
 * Benchmark 2: the latency the gateway adds to one generation. Each round sends one
 * `createGeneration` through the gateway and one direct POST of the same upstream body to the
 * Modal emulator, alternately, so that load from other processes affects both sides alike.
 * The emulator runs every job for a fixed time.
 *
 * The gateway runs in this process so the end of a generation is observed through the
 * dispatcher's `onFinished` event, which fires right after the SUCCEEDED state is stored,
 * with no polling delay.
 */
import { pino } from 'pino';
import { request } from 'undici';

import { loadCatalog } from '../src/catalog/catalog.js';
import { readConfig } from '../src/config/config.js';
import { startEmulator } from '../src/emulator/index.js';
import { createLogger, startGateway } from '../src/gateway.js';
import { gatewayEnv } from './gateway-env.js';
import { createGeneration, SMALL_LORA_INPUTS } from './generation-client.js';
import { summarize, type SampleSummary } from './stats.js';

const ENDPOINT = '/flux-dev-lora';

export interface DispatchLatencyOptions {
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly jobMs: number;
  /** Folder for the gateway's SQLite file and blobs; its file system decides what fsync costs. */
  readonly dataDir: string;
  readonly logFile: string;
  readonly repoRoot: string;
}

export interface DispatchLatencyResult {
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly jobMs: number;
  readonly endpoint: string;
  /** From sending the mutation to the `onFinished` event with SUCCEEDED, in ms. */
  readonly gateway: SampleSummary;
  /** The mutation's own round trip (validate, store, queue), in ms. */
  readonly mutation: SampleSummary;
  /** From sending the POST to the last byte of the emulator's response, in ms. */
  readonly direct: SampleSummary;
  /** Gateway time minus direct time within each round, in ms. */
  readonly pairedDifference: SampleSummary;
}

/** Runs warm-up rounds, then measured rounds, and returns the latency summaries. */
export async function runDispatchLatencyBenchmark(options: DispatchLatencyOptions): Promise<DispatchLatencyResult> {
  const catalog = loadCatalog();
  const emulator = await startEmulator({ catalog: catalog.file, jobMs: options.jobMs });
  const config = readConfig(
    gatewayEnv({ dataDir: options.dataDir, modalOrigin: emulator.url, appConcurrency: 64 }),
    options.repoRoot,
  );
  const logger = createLogger(config.logLevel, pino.destination({ dest: options.logFile, sync: true }));

  let onFinished: ((status: string) => void) | null = null;
  const gateway = await startGateway({
    config,
    catalog,
    logger,
    dispatcherEvents: { onFinished: (event) => onFinished?.(event.status) },
  });
  const graphqlUrl = `${gateway.url}/graphql`;

  // A new seed per generation gives a new output image, so every generation stores a new blob
  // as it would in production instead of finding identical bytes already stored.
  let seed = 0;
  const runGateway = async (): Promise<{ totalMs: number; mutationMs: number }> => {
    const finished = new Promise<{ status: string; at: number }>((resolve) => {
      onFinished = (status) => resolve({ status, at: performance.now() });
    });
    const startedAt = performance.now();
    seed += 1;
    await createGeneration(graphqlUrl, ENDPOINT, { ...SMALL_LORA_INPUTS, seed });
    const mutationMs = performance.now() - startedAt;
    const { status, at } = await finished;
    onFinished = null;
    if (status !== 'SUCCEEDED') {
      throw new Error(`a benchmark generation ended ${status}, expected SUCCEEDED; see ${options.logFile}`);
    }
    return { totalMs: at - startedAt, mutationMs };
  };

  try {
    // The first generation also gives the exact body the gateway sends, for the direct calls.
    await runGateway();
    const upstreamBody = emulator.requests.findLast((recorded) => recorded.method === 'POST')?.rawBody;
    if (!upstreamBody) {
      throw new Error('the emulator recorded no POST from the gateway');
    }

    const runDirect = async (): Promise<number> => {
      const startedAt = performance.now();
      const response = await request(`${emulator.url}${ENDPOINT}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: upstreamBody,
      });
      await response.body.arrayBuffer();
      if (response.statusCode !== 200) {
        throw new Error(`the direct POST to the emulator returned HTTP ${response.statusCode}`);
      }
      return performance.now() - startedAt;
    };

    for (let round = 0; round < options.warmupRounds; round += 1) {
      await runGateway();
      await runDirect();
    }

    const gatewayMs: number[] = [];
    const mutationMs: number[] = [];
    const directMs: number[] = [];
    const differenceMs: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const viaGateway = await runGateway();
      const direct = await runDirect();
      gatewayMs.push(viaGateway.totalMs);
      mutationMs.push(viaGateway.mutationMs);
      directMs.push(direct);
      differenceMs.push(viaGateway.totalMs - direct);
    }

    return {
      rounds: options.rounds,
      warmupRounds: options.warmupRounds,
      jobMs: options.jobMs,
      endpoint: ENDPOINT,
      gateway: summarize(gatewayMs),
      mutation: summarize(mutationMs),
      direct: summarize(directMs),
      pairedDifference: summarize(differenceMs),
    };
  } finally {
    await gateway.close();
    await emulator.close();
  }
}
