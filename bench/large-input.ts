/**
 * Benchmark 4: memory growth of the gateway process for one generation with a large reference
 * image, from the mutation until the generation finished. The gateway runs alone in a child
 * process. The kernel's peak-RSS counter is reset before each request, so the peak also covers
 * moments when the gateway's event loop was busy and could not sample itself.
 */
import { loadCatalog } from '../src/catalog/catalog.js';
import { startEmulator } from '../src/emulator/index.js';
import { samplePng } from '../src/emulator/samples/index.js';
import { startChildServer } from './child-server.js';
import { gatewayEnv } from './gateway-env.js';
import { createGeneration } from './generation-client.js';
import { buildLargePng } from './large-png.js';
import { readResidentMemory, resetPeakRss } from './process-memory.js';

const ENDPOINT = '/seedvr2';
/** The output's short side; small, so the measurement is about the input. */
const OUTPUT_RESOLUTION = 256;

export interface LargeInputOptions {
  readonly imageBytes: number;
  readonly requests: number;
  readonly dataDir: string;
  readonly logFile: string;
  readonly cpuProfileDir?: string;
}

/** Growth during one request, in bytes above the baseline taken after a garbage collection. */
export interface LargeInputSample {
  readonly rssGrowth: number;
  readonly heapGrowth: number;
  /** Buffers and other memory outside the V8 heap (`external`). */
  readonly externalGrowth: number;
  readonly durationMs: number;
}

export interface LargeInputResult {
  readonly imageBytes: number;
  readonly imageWidth: number;
  /** Size of the GraphQL request body that carries the image as base64. */
  readonly requestBodyBytes: number;
  readonly samples: readonly LargeInputSample[];
  readonly peakRssReset: boolean;
}

/** Sends `requests` generations with one large image each, one at a time, and measures each. */
export async function runLargeInputBenchmark(options: LargeInputOptions): Promise<LargeInputResult> {
  const image = buildLargePng(options.imageBytes);
  const imageBase64 = image.bytes.toString('base64');
  const requestBodyBytes = Buffer.byteLength(JSON.stringify({ input: { endpoint: ENDPOINT, inputs: { image: imageBase64 } } }));

  const catalog = loadCatalog();
  const emulator = await startEmulator({ catalog: catalog.file, jobMs: 50 });
  const child = await startChildServer(
    {
      kind: 'gateway',
      sampleIntervalMs: 2,
      env: gatewayEnv({
        dataDir: options.dataDir,
        modalOrigin: emulator.url,
        // Room for the image and for the default 20 MiB limit to change.
        extra: { MAX_IMAGE_BYTES: String(Math.max(options.imageBytes * 2, 20 * 1024 * 1024)) },
      }),
    },
    { logFile: options.logFile, cpuProfileDir: options.cpuProfileDir },
  );

  try {
    // One small image first, so lazily loaded code is in place before the first baseline.
    await createGeneration(child.url, ENDPOINT, { image: samplePng(64, 64).toString('base64'), resolution: OUTPUT_RESOLUTION });
    await child.waitForFinished(1, 30_000);

    const samples: LargeInputSample[] = [];
    let peakRssReset = true;
    for (let index = 0; index < options.requests; index += 1) {
      const baseline = await child.mark();
      const rssBefore = readResidentMemory(child.pid).rssBytes;
      peakRssReset = resetPeakRss(child.pid) && peakRssReset;

      const startedAt = performance.now();
      // A new seed per request, so no request is an idempotent repeat of another.
      await createGeneration(child.url, ENDPOINT, { image: imageBase64, resolution: OUTPUT_RESOLUTION, seed: index + 1 });
      await child.waitForFinished(index + 2, 60_000);
      const durationMs = performance.now() - startedAt;

      const report = await child.report();
      const peakRss = readResidentMemory(child.pid).peakRssBytes;
      samples.push({
        rssGrowth: peakRss - rssBefore,
        heapGrowth: report.peakHeapUsed - baseline.heapUsed,
        externalGrowth: report.peakExternal - baseline.external,
        durationMs,
      });
    }

    const succeeded = child.finished.get('SUCCEEDED') ?? 0;
    if (succeeded !== options.requests + 1) {
      throw new Error(`large-input generations ended ${JSON.stringify(Object.fromEntries(child.finished))}, expected all SUCCEEDED; see ${options.logFile}`);
    }
    return { imageBytes: image.bytes.length, imageWidth: image.width, requestBodyBytes, samples, peakRssReset };
  } finally {
    await child.stop();
    await emulator.close();
  }
}
