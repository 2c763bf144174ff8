/**
 * Benchmark 3: many generations in flight at once. The gateway runs alone in a child process,
 * so its resident memory is its own. The Modal emulator runs in this process and keeps every
 * job running long enough that its POST and the first result GET both end in a 303.
 */
import { Pool } from 'undici';

import { loadCatalog } from '../src/catalog/catalog.js';
import { startEmulator, type EmulatedJob } from '../src/emulator/index.js';
import type { ChildReport } from './child-protocol.js';
import { startChildServer } from './child-server.js';
import { gatewayEnv } from './gateway-env.js';
import { createGeneration, SMALL_LORA_INPUTS } from './generation-client.js';
import { readResidentMemory, resetPeakRss } from './process-memory.js';

const ENDPOINT = '/flux-dev-lora';

export interface InFlightOptions {
  readonly generations: number;
  /** Mutations sent at once while creating the generations. */
  readonly clientConcurrency: number;
  readonly jobMs: number;
  readonly requestCapMs: number;
  /** Folder for the gateway's SQLite file and blobs; its file system decides what fsync costs. */
  readonly dataDir: string;
  readonly logFile: string;
  readonly cpuProfileDir?: string;
  /** When set, a heap snapshot is written here once all generations are created. */
  readonly heapSnapshotFile?: string;
}

export interface InFlightResult {
  readonly generations: number;
  readonly clientConcurrency: number;
  readonly jobMs: number;
  readonly requestCapMs: number;
  readonly succeeded: number;
  readonly finishedByStatus: Record<string, number>;
  /** Time to create all generations, in ms. */
  readonly createMs: number;
  /** From the first mutation until the last generation finished, in ms. */
  readonly totalMs: number;
  /** Most jobs running at the emulator at the same moment. */
  readonly peakConcurrentJobs: number;
  /** Fewest 303 responses that one job received. */
  readonly minRedirectsPerJob: number;
  readonly rssBeforeBytes: number;
  readonly peakRssBytes: number;
  /** True when the kernel's peak counter was reset at the start, so the peak is this run's. */
  readonly peakRssReset: boolean;
  readonly child: ChildReport;
  /** RSS of the same process type idle, before the warm-up generations. */
  readonly idleRssBytes: number;
}

const WARMUP_GENERATIONS = 20;
const WARMUP_JOB_MS = 20;

/** Creates `generations` generations as fast as the client allows and waits for all to finish. */
export async function runInFlightBenchmark(options: InFlightOptions): Promise<InFlightResult> {
  const catalog = loadCatalog();
  const emulator = await startEmulator({ catalog: catalog.file, jobMs: options.jobMs, requestCapMs: options.requestCapMs });
  const child = await startChildServer(
    {
      kind: 'gateway',
      sampleIntervalMs: 20,
      env: gatewayEnv({ dataDir: options.dataDir, modalOrigin: emulator.url, appConcurrency: options.generations }),
    },
    { logFile: options.logFile, cpuProfileDir: options.cpuProfileDir },
  );
  const client = new Pool(new URL(child.url).origin, { connections: options.clientConcurrency });

  try {
    const idleRssBytes = readResidentMemory(child.pid).rssBytes;
    // Short generations first, so lazily loaded code and connection pools exist before the
    // baseline is taken.
    emulator.setFault(ENDPOINT, { jobMs: WARMUP_JOB_MS });
    for (let index = 0; index < WARMUP_GENERATIONS; index += 1) {
      await createGeneration(child.url, ENDPOINT, { ...SMALL_LORA_INPUTS, seed: 1_000_000 + index }, client);
    }
    await child.waitForFinished(WARMUP_GENERATIONS, 30_000);
    if (child.finished.get('SUCCEEDED') !== WARMUP_GENERATIONS) {
      throw new Error(`warm-up generations ended ${JSON.stringify(Object.fromEntries(child.finished))}, expected all SUCCEEDED; see ${options.logFile}`);
    }
    emulator.clearFaults();
    const warmupJobs = emulator.jobs.length;

    await child.mark();
    const rssBefore = readResidentMemory(child.pid).rssBytes;
    const peakRssReset = resetPeakRss(child.pid);

    const startedAt = performance.now();
    let next = 0;
    const createWorker = async (): Promise<void> => {
      while (next < options.generations) {
        next += 1;
        await createGeneration(child.url, ENDPOINT, { ...SMALL_LORA_INPUTS, seed: next }, client);
      }
    };
    await Promise.all(Array.from({ length: options.clientConcurrency }, createWorker));
    const createMs = performance.now() - startedAt;
    if (options.heapSnapshotFile) {
      await child.writeHeapSnapshot(options.heapSnapshotFile);
    }

    await child.waitForFinished(WARMUP_GENERATIONS + options.generations, options.jobMs * 3 + 120_000);
    const totalMs = performance.now() - startedAt;
    const report = await child.report();
    const peakRssBytes = readResidentMemory(child.pid).peakRssBytes;

    const jobs = emulator.jobs.slice(warmupJobs);
    return {
      generations: options.generations,
      clientConcurrency: options.clientConcurrency,
      jobMs: options.jobMs,
      requestCapMs: options.requestCapMs,
      succeeded: (child.finished.get('SUCCEEDED') ?? 0) - WARMUP_GENERATIONS,
      finishedByStatus: { ...Object.fromEntries(child.finished), SUCCEEDED: (child.finished.get('SUCCEEDED') ?? 0) - WARMUP_GENERATIONS },
      createMs,
      totalMs,
      peakConcurrentJobs: peakConcurrency(jobs),
      minRedirectsPerJob: Math.min(...jobs.map((job) => job.redirects)),
      rssBeforeBytes: rssBefore,
      peakRssBytes,
      peakRssReset,
      child: report,
      idleRssBytes,
    };
  } finally {
    await client.close();
    await child.stop();
    await emulator.close();
  }
}

/** Largest number of jobs whose [start, finish] intervals overlap. */
function peakConcurrency(jobs: readonly EmulatedJob[]): number {
  const edges: [number, number][] = [];
  for (const job of jobs) {
    edges.push([job.startedAt.getTime(), 1]);
    edges.push([(job.finishedAt ?? new Date()).getTime(), -1]);
  }
  // At equal times, finishes count before starts, so touching intervals do not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let peak = 0;
  for (const [, change] of edges) {
    running += change;
    peak = Math.max(peak, running);
  }
  return peak;
}
