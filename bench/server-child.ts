/**
 * Entry of a benchmark child process. It starts one server (the gateway, the plain Apollo
 * baseline or the bare node:http server), so that its memory and event loop are measured alone.
 * Then it handles the runner's `mark`, `report`, `heap-snapshot` and `stop` messages over the
 * IPC channel. `child-server.ts` runs it with `--expose-gc`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';

import type { ChildMessage, ChildReport, ChildSpec, MemorySnapshot, ParentMessage } from './child-protocol.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

function snapshot(): MemorySnapshot {
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers };
}

// Each kind imports only its own modules, so the baselines carry no gateway code in memory.
async function startServer(spec: ChildSpec): Promise<RunningServer> {
  switch (spec.kind) {
    case 'gateway': {
      const { readConfig } = await import('../src/config/config.js');
      const { createLogger, startGateway } = await import('../src/gateway.js');
      const config = readConfig(spec.env ?? {}, REPO_ROOT);
      const gateway = await startGateway({
        config,
        logger: createLogger(config.logLevel),
        dispatcherEvents: { onFinished: (event) => send({ type: 'finished', status: event.status }) },
      });
      return { url: `${gateway.url}/graphql`, stop: () => gateway.close() };
    }
    case 'plain-apollo': {
      const { startPlainApollo } = await import('./plain-apollo.js');
      return startPlainApollo(REPO_ROOT);
    }
    case 'bare-http': {
      if (!spec.responseFile) {
        throw new Error('bare-http needs "responseFile", the file with the response bytes to serve');
      }
      const { startBareHttpServer } = await import('./bare-http.js');
      return startBareHttpServer(readFileSync(spec.responseFile));
    }
  }
}

/** Samples memory and event-loop delay from `mark` until `report`. */
class Measurement {
  private readonly baseline: MemorySnapshot;
  private readonly delay: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  private peakHeapUsed = 0;
  private peakExternal = 0;
  private peakArrayBuffers = 0;
  private samples = 0;

  constructor(intervalMs: number) {
    // A collection first, so the baseline contains live objects only.
    globalThis.gc?.();
    this.baseline = snapshot();
    this.sample();
    this.delay = monitorEventLoopDelay({ resolution: 10 });
    this.delay.enable();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  get start(): MemorySnapshot {
    return this.baseline;
  }

  finish(): ChildReport {
    clearInterval(this.timer);
    this.delay.disable();
    this.sample();
    const current = snapshot();
    globalThis.gc?.();
    const toMs = (nanoseconds: number): number => nanoseconds / 1e6;
    return {
      baseline: this.baseline,
      current,
      afterGc: snapshot(),
      peakHeapUsed: this.peakHeapUsed,
      peakExternal: this.peakExternal,
      peakArrayBuffers: this.peakArrayBuffers,
      samples: this.samples,
      eventLoopDelayMs: {
        p50: toMs(this.delay.percentile(50)),
        p99: toMs(this.delay.percentile(99)),
        max: toMs(this.delay.max),
        mean: toMs(this.delay.mean),
      },
    };
  }

  private sample(): void {
    const { heapUsed, external, arrayBuffers } = process.memoryUsage();
    this.peakHeapUsed = Math.max(this.peakHeapUsed, heapUsed);
    this.peakExternal = Math.max(this.peakExternal, external);
    this.peakArrayBuffers = Math.max(this.peakArrayBuffers, arrayBuffers);
    this.samples += 1;
  }
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
  const server = await startServer(spec);
  let measurement: Measurement | null = null;

  process.on('message', (message: ParentMessage) => {
    switch (message.type) {
      case 'mark':
        measurement = new Measurement(spec.sampleIntervalMs ?? 10);
        send({ type: 'marked', baseline: measurement.start });
        return;
      case 'report':
        if (!measurement) {
          send({ type: 'failed', message: 'report arrived before mark; send mark first' });
          return;
        }
        send({ type: 'report', report: measurement.finish() });
        measurement = null;
        return;
      case 'heap-snapshot':
        try {
          send({ type: 'heap-snapshot-written', file: writeHeapSnapshot(message.file) });
        } catch (error) {
          send({ type: 'failed', message: `writing the heap snapshot ${message.file} failed: ${(error as Error).message}` });
        }
        return;
      case 'stop':
        void server.stop().then(() => {
          send({ type: 'stopped' });
          process.disconnect();
        });
        return;
    }
  });
  // Once the runner is gone, no message can stop this process, so it exits with the channel.
  process.once('disconnect', () => process.exit(0));
  send({ type: 'ready', url: server.url });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
