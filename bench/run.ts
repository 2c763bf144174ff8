/**
 * `npm run bench`: runs the gateway benchmarks one after another and writes BENCHMARKS.md.
 * Every server listens on 127.0.0.1, every load is bounded in requests and time, and a
 * watchdog ends the run after ten minutes. See the "Running the benchmarks" section of the
 * report for the variables.
 */

import type { BenchmarkResults } from './report.js';

// graphql-js and Apollo Server read NODE_ENV when their modules load, and production mode is
// what is measured, so it is set before any other module is imported.
process.env.NODE_ENV = 'production';

const { existsSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const path = await import('node:path');
const { fileURLToPath } = await import('node:url');

const { runCapabilitiesBenchmark } = await import('./capabilities.js');
const { probeDurableWrites } = await import('./disk-probe.js');
const { runDispatchLatencyBenchmark } = await import('./dispatch-latency.js');
const { runInFlightBenchmark } = await import('./in-flight.js');
const { runLargeInputBenchmark } = await import('./large-input.js');
const { describeMachine } = await import('./machine.js');
const { renderReport, evaluateTargets } = await import('./report.js');
const { measureRuntimeFloors } = await import('./runtime-floor.js');
const { runWorkflowParsingBenchmark } = await import('./workflow-parsing.js');

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKFLOWS_DIR = path.resolve(REPO_ROOT, '../shared/runcomfy/workflows');
const BENCHMARK_NAMES = ['workflows', 'capabilities', 'dispatch', 'in-flight', 'large-input'] as const;
type BenchmarkName = (typeof BENCHMARK_NAMES)[number];
const WATCHDOG_MS = 10 * 60 * 1000;
/** statfs `type` of tmpfs (Linux magic number TMPFS_MAGIC). */
const TMPFS_MAGIC = 0x01021994;
const MEMORY_FOLDER = '/dev/shm';

/** Sizes of one run; the quick set only checks that the harness works. */
const FULL = {
  capabilities: { connections: 10, durationSeconds: 10, warmupSeconds: 2 },
  dispatch: { rounds: 200, tmpfsRounds: 100, warmupRounds: 20, jobMs: 50 },
  inFlight: { generations: 1000, clientConcurrency: 16, jobMs: 30_000, requestCapMs: 12_000 },
  largeInput: { imageBytes: 10 * 1024 * 1024, requests: 5 },
  workflows: { rounds: 20 },
};
const QUICK: typeof FULL = {
  capabilities: { connections: 10, durationSeconds: 2, warmupSeconds: 1 },
  dispatch: { rounds: 20, tmpfsRounds: 10, warmupRounds: 5, jobMs: 50 },
  inFlight: { generations: 100, clientConcurrency: 16, jobMs: 4000, requestCapMs: 1600 },
  largeInput: { imageBytes: 10 * 1024 * 1024, requests: 2 },
  workflows: { rounds: 3 },
};

function selectedBenchmarks(value: string | undefined): Set<BenchmarkName> {
  if (!value) {
    return new Set(BENCHMARK_NAMES);
  }
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(BENCHMARK_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ONLY names unknown benchmarks ${unknown.join(', ')}; use a comma-separated subset of ${BENCHMARK_NAMES.join(', ')}`);
  }
  return new Set(names as BenchmarkName[]);
}

function memoryFolderAvailable(): boolean {
  try {
    return statfsSync(MEMORY_FOLDER).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}

async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  process.stdout.write(`${label} ...`);
  const result = await run();
  process.stdout.write(` done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s\n`);
  return result;
}

async function main(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1';
  const sizes = quick ? QUICK : FULL;
  const only = selectedBenchmarks(process.env.BENCH_ONLY);
  const profileDir = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : undefined;
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
  }
  const output = path.resolve(process.env.BENCH_OUTPUT ?? (quick ? path.join(tmpdir(), 'BENCHMARKS.quick.md') : path.join(REPO_ROOT, 'BENCHMARKS.md')));
  const command = ['BENCH_QUICK', 'BENCH_ONLY', 'BENCH_PROFILE_DIR']
    .filter((name) => process.env[name])
    .map((name) => `${name}=${process.env[name]} `)
    .join('')
    .concat('npm run bench');

  const machine = describeMachine();
  const startedAt = performance.now();
  const workDir = mkdtempSync(path.join(tmpdir(), 'gateway-bench-'));
  const memoryDir = memoryFolderAvailable() ? mkdtempSync(path.join(MEMORY_FOLDER, 'gateway-bench-')) : undefined;
  console.log(`Benchmarks on ${machine.cpuModel} (${machine.cores} cores), Node.js ${machine.node}; work folder ${workDir}`);

  const results: { -readonly [K in keyof BenchmarkResults]: BenchmarkResults[K] } = {
    machine,
    command,
    durationMs: 0,
    quick,
    profileDir,
  };

  try {
    if (only.has('workflows')) {
      if (existsSync(WORKFLOWS_DIR)) {
        results.workflows = await step('5. workflow parsing', () => runWorkflowParsingBenchmark({ dir: WORKFLOWS_DIR, ...sizes.workflows }));
      } else {
        console.log(`5. workflow parsing skipped: ${WORKFLOWS_DIR} does not exist`);
      }
    }

    if (only.has('capabilities')) {
      results.capabilities = await step('1. capabilities query', () =>
        runCapabilitiesBenchmark({ ...sizes.capabilities, workDir, cpuProfileDir: profileDir }),
      );
    }

    if (only.has('dispatch')) {
      results.dispatch = await step('2. dispatch latency', async () => {
        const { rounds, tmpfsRounds, warmupRounds, jobMs } = sizes.dispatch;
        const diskCost = probeDurableWrites(workDir);
        const disk = await runDispatchLatencyBenchmark({
          rounds,
          warmupRounds,
          jobMs,
          dataDir: path.join(workDir, 'dispatch'),
          logFile: path.join(workDir, 'dispatch.log'),
          repoRoot: REPO_ROOT,
        });
        const tmpfs = memoryDir
          ? await runDispatchLatencyBenchmark({
              rounds: tmpfsRounds,
              warmupRounds,
              jobMs,
              dataDir: path.join(memoryDir, 'dispatch'),
              logFile: path.join(workDir, 'dispatch-tmpfs.log'),
              repoRoot: REPO_ROOT,
            })
          : undefined;
        return { disk, tmpfs, diskCost };
      });
    }

    if (only.has('in-flight')) {
      results.inFlight = await step(`3. ${sizes.inFlight.generations} generations in flight`, async () => {
        const disk = await runInFlightBenchmark({
          ...sizes.inFlight,
          dataDir: path.join(workDir, 'in-flight'),
          logFile: path.join(workDir, 'in-flight.log'),
          cpuProfileDir: profileDir,
          heapSnapshotFile: profileDir ? path.join(profileDir, 'in-flight.heapsnapshot') : undefined,
        });
        const tmpfs = memoryDir
          ? await runInFlightBenchmark({
              ...sizes.inFlight,
              dataDir: path.join(memoryDir, 'in-flight'),
              logFile: path.join(workDir, 'in-flight-tmpfs.log'),
            })
          : undefined;
        const floors = await measureRuntimeFloors(workDir);
        return { disk, tmpfs, floors };
      });
    }

    if (only.has('large-input')) {
      results.largeInput = await step('4. large reference image', () =>
        runLargeInputBenchmark({
          ...sizes.largeInput,
          dataDir: path.join(workDir, 'large-input'),
          logFile: path.join(workDir, 'large-input.log'),
          cpuProfileDir: profileDir,
        }),
      );
    }
  } catch (error) {
    console.error(`\nThe benchmark run failed; logs and data are kept in ${workDir}`);
    throw error;
  } finally {
    if (memoryDir) {
      rmSync(memoryDir, { recursive: true, force: true });
    }
  }

  results.durationMs = performance.now() - startedAt;
  writeFileSync(output, renderReport(results));
  console.log(`\nWrote ${output}`);
  for (const row of evaluateTargets(results)) {
    console.log(`${row.met ? 'met   ' : 'MISSED'}  ${row.benchmark}: ${row.target}; measured ${row.measured}`);
  }
  rmSync(workDir, { recursive: true, force: true });
}

const watchdog = setTimeout(() => {
  console.error(`\nThe benchmark run exceeded ${WATCHDOG_MS / 60_000} minutes and was stopped.`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
