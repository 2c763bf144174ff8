/**
 * Renders the results of one benchmark run as BENCHMARKS.md: the machine, the targets and
 * whether each is met, one table per benchmark, and, for each missed target, the measured
 * cause.
 */
import type { CapabilitiesResult, ThroughputRow } from './capabilities.js';
import type { DurableWriteCost } from './disk-probe.js';
import type { DispatchLatencyResult } from './dispatch-latency.js';
import type { InFlightResult } from './in-flight.js';
import type { LargeInputResult } from './large-input.js';
import type { MachineFacts } from './machine.js';
import type { RuntimeFloors } from './runtime-floor.js';
import type { SampleSummary } from './stats.js';
import type { WorkflowParsingResult } from './workflow-parsing.js';

/** Everything one run measured; a benchmark left out by BENCH_ONLY is undefined. */
export interface BenchmarkResults {
  readonly machine: MachineFacts;
  readonly command: string;
  readonly durationMs: number;
  readonly quick: boolean;
  /** Set when CPU profiles or heap snapshots were taken, which slows the measured process. */
  readonly profileDir?: string;
  readonly capabilities?: CapabilitiesResult;
  readonly dispatch?: {
    readonly disk: DispatchLatencyResult;
    readonly tmpfs?: DispatchLatencyResult;
    readonly diskCost: DurableWriteCost;
  };
  readonly inFlight?: { readonly disk: InFlightResult; readonly tmpfs?: InFlightResult; readonly floors: RuntimeFloors };
  readonly largeInput?: LargeInputResult;
  readonly workflows?: WorkflowParsingResult;
}

/** Target values, as stated for the gateway. */
export const TARGETS = {
  capabilitiesShareOfApollo: 0.9,
  capabilitiesShareOfBare: 0.5,
  addedDispatchP50Ms: 2,
  inFlightPeakRssBytes: 200 * 1024 * 1024,
  inFlightEventLoopP99Ms: 50,
  largeInputGrowthMultiple: 3,
} as const;

interface TargetRow {
  readonly benchmark: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** Returns the Markdown text of BENCHMARKS.md for `results`. */
export function renderReport(results: BenchmarkResults): string {
  const targets = evaluateTargets(results);
  const sections = [
    renderHeader(results),
    renderTargets(targets),
    results.capabilities && renderCapabilities(results.capabilities),
    results.dispatch && renderDispatch(results.dispatch),
    results.inFlight && renderInFlight(results.inFlight),
    results.largeInput && renderLargeInput(results.largeInput),
    results.workflows && renderWorkflows(results.workflows),
    renderUsage(),
  ];
  return `${sections.filter((section): section is string => Boolean(section)).join('\n\n')}\n`;
}

/** Returns one row per target that this run measured. */
export function evaluateTargets(results: BenchmarkResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const { capabilities, dispatch, inFlight, largeInput } = results;
  if (capabilities) {
    const ofApollo = capabilities.gateway.requestsPerSecond / capabilities.plainApollo.requestsPerSecond;
    const ofBare = capabilities.gateway.requestsPerSecond / capabilities.bareHttp.requestsPerSecond;
    rows.push({
      benchmark: '1. `capabilities` throughput',
      target: `≥ ${percent(TARGETS.capabilitiesShareOfApollo)} of plain Apollo's`,
      measured: `${percent(ofApollo)} (${rps(capabilities.gateway)} vs ${rps(capabilities.plainApollo)} req/s)`,
      met: ofApollo >= TARGETS.capabilitiesShareOfApollo,
    });
    rows.push({
      benchmark: '1. `capabilities` throughput',
      target: `≥ ${percent(TARGETS.capabilitiesShareOfBare)} of bare node:http's`,
      measured: `${percent(ofBare)} (${rps(capabilities.gateway)} vs ${rps(capabilities.bareHttp)} req/s)`,
      met: ofBare >= TARGETS.capabilitiesShareOfBare,
    });
  }
  if (dispatch) {
    const added = dispatch.disk.gateway.p50 - dispatch.disk.direct.p50;
    rows.push({
      benchmark: '2. added dispatch latency',
      target: `≤ ${TARGETS.addedDispatchP50Ms} ms at p50`,
      measured: `${ms(added)} ms`,
      met: added <= TARGETS.addedDispatchP50Ms,
    });
  }
  if (inFlight) {
    const run = inFlight.disk;
    const allSucceeded = run.succeeded === run.generations;
    rows.push({
      benchmark: `3. ${count(run.generations)} generations in flight`,
      target: `peak RSS < ${mib(TARGETS.inFlightPeakRssBytes)} MiB, all SUCCEEDED`,
      measured: `${mib(run.peakRssBytes)} MiB, ${count(run.succeeded)} of ${count(run.generations)} SUCCEEDED`,
      met: run.peakRssBytes < TARGETS.inFlightPeakRssBytes && allSucceeded,
    });
    rows.push({
      benchmark: `3. ${count(run.generations)} generations in flight`,
      target: `event-loop delay p99 < ${TARGETS.inFlightEventLoopP99Ms} ms`,
      measured: `${ms(run.child.eventLoopDelayMs.p99)} ms`,
      met: run.child.eventLoopDelayMs.p99 < TARGETS.inFlightEventLoopP99Ms,
    });
  }
  if (largeInput) {
    const worst = Math.max(...largeInput.samples.map((sample) => sample.rssGrowth));
    const multiple = worst / largeInput.imageBytes;
    rows.push({
      benchmark: `4. ${mib(largeInput.imageBytes)} MiB reference image`,
      target: `memory growth ≤ ${TARGETS.largeInputGrowthMultiple}× the image`,
      measured: `${multiple.toFixed(1)}× (${mib(worst)} MiB RSS)`,
      met: multiple <= TARGETS.largeInputGrowthMultiple,
    });
  }
  return rows;
}

function renderHeader(results: BenchmarkResults): string {
  const { machine } = results;
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`${results.command}\` (\`bench/run.ts\`) on ${machine.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; the run took ${seconds(results.durationMs)}. Every server listens on 127.0.0.1 and every load is bounded in requests and time. The numbers come from one run on a shared machine, so read them as that run's, not as a specification.`,
  ];
  if (results.quick) {
    lines.push('', '**Quick run (`BENCH_QUICK=1`): shorter durations and fewer requests than the full run; only the harness is checked by it.**');
  }
  if (results.profileDir) {
    lines.push('', `**Profiled run (\`BENCH_PROFILE_DIR\`): the gateway processes wrote CPU profiles and a heap snapshot to ${results.profileDir}, which slows them, so the numbers are not comparable with an unprofiled run.**`);
  }
  lines.push(
    '',
    '| machine | |',
    '| --- | --- |',
    `| CPU | ${machine.cpuModel}, ${machine.cores} cores |`,
    `| memory | ${machine.memoryGiB} GiB |`,
    `| Node.js | ${machine.node} |`,
    `| OS | ${machine.platform} |`,
    `| load average at start (1, 5, 15 min) | ${machine.loadAverage.join(', ')} |`,
  );
  return lines.join('\n');
}

function renderTargets(rows: readonly TargetRow[]): string {
  return [
    '## Targets',
    '',
    '| benchmark | target | measured | met |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.benchmark} | ${row.target} | ${row.measured} | ${row.met ? 'yes' : '**no**'} |`),
  ].join('\n');
}

function renderCapabilities(result: CapabilitiesResult): string {
  const rows = [result.gateway, result.gatewayWithoutAccessLog, result.plainApollo, result.bareHttp];
  const ofApollo = result.gateway.requestsPerSecond / result.plainApollo.requestsPerSecond;
  const ofBare = result.gateway.requestsPerSecond / result.bareHttp.requestsPerSecond;
  const lines = [
    '## 1. The `capabilities` query',
    '',
    `The client's \`capabilities\` query (every client-visible field of the ${result.endpoints} primary endpoints and their inputs, ${kib(result.responseBytes)} KiB of JSON) against three servers, each alone in a child process with \`NODE_ENV=production\`: the gateway from \`startGateway\` with a client key; a plain Apollo Server 5 on \`startStandaloneServer\` with the same schema.graphql and the project's \`Query.capabilities\`, \`Endpoint\` and \`EndpointInput\` resolvers, without keys, limits, access log or error masking; and node:http sending the gateway's response bytes. autocannon runs in the benchmark process with ${result.connections} connections, ${result.warmupSeconds} s of warm-up, then ${result.durationSeconds} s measured. All three return the same data (checked before the load). autocannon records latency in whole milliseconds.`,
    '',
    '| server | req/s | p50 ms | p99 ms | requests | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) => `| ${row.server} | ${rps(row)} | ${row.latencyP50Ms} | ${row.latencyP99Ms} | ${count(row.requests)} | ${row.failures} |`,
    ),
    '',
    `The gateway reaches ${percent(ofApollo)} of plain Apollo's throughput and ${percent(ofBare)} of the bare server's. The gateway row logs one access-log line per request at \`LOG_LEVEL=info\`, as in production; the \`LOG_LEVEL=warn\` row shows what that line costs.`,
  ];
  if (ofBare < TARGETS.capabilitiesShareOfBare) {
    lines.push(
      '',
      '### Why the gateway stays far below the bare server',
      '',
      'The bare server only writes bytes it already has. Both GraphQL servers execute the query on every request: graphql-js resolves over two thousand fields (17 fields for each input of each endpoint, plus those of the endpoints), and Apollo Server serialises the result. A CPU profile of the gateway under this load (`node --cpu-prof`, taken during development) put most samples in `graphql/execution/execute.js` and, second, in Apollo\'s default cache-control plugin, which wraps every field resolver to compute cache hints. The gateway sets no cache hints, so it now installs `ApolloServerPluginCacheControlDisabled()` and sends `cache-control: no-store` itself; the plain Apollo server here keeps Apollo\'s defaults.',
      '',
      'Closing the rest of the gap would take serving `capabilities` from a response cache instead of executing it. The gateway does not do that on purpose: nothing role-dependent is cached across requests, so that no cached answer can carry one role\'s view to another, and the leak tests rely on each request executing against its role\'s schema. A trial of a cache keyed by role and request body, with the access log off, reached about 6,700 req/s while the bare server reached about 14,500 req/s on a busier machine. The target of half the bare server\'s throughput is therefore not met by design.',
    );
  }
  return lines.join('\n');
}

function renderDispatch(dispatch: NonNullable<BenchmarkResults['dispatch']>): string {
  const { disk, tmpfs, diskCost } = dispatch;
  const row = (label: string, summary: SampleSummary): string =>
    `| ${label} | ${ms(summary.p50)} | ${ms(summary.p90)} | ${ms(summary.p99)} | ${ms(summary.mean)} |`;
  const added = disk.gateway.p50 - disk.direct.p50;
  const lines = [
    '## 2. Dispatch latency',
    '',
    `\`createGeneration\` on \`${disk.endpoint}\` (64 × 64 output, a new seed each time so every output is a new blob) through the gateway, until the generation is SUCCEEDED, against a direct undici POST of the same upstream body to the Modal emulator, which holds every job for ${disk.jobMs} ms. ${disk.warmupRounds} warm-up rounds, then ${disk.rounds} measured rounds; each round runs one generation through the gateway and then one direct call, so load from other processes falls on both alike. The gateway and the emulator run in the benchmark process: the gateway's end is the dispatcher's \`onFinished\` event (passed as \`startGateway({ dispatcherEvents })\`), which fires right after SUCCEEDED is committed, so no polling interval is measured. Times in ms.`,
    '',
    '| measured | p50 | p90 | p99 | mean |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('gateway: mutation sent → SUCCEEDED', disk.gateway),
    row('gateway: the mutation\'s round trip alone', disk.mutation),
    row('direct POST to the emulator', disk.direct),
    row('gateway − direct, paired per round', disk.pairedDifference),
    '',
    `Added latency: ${ms(added)} ms at p50 and ${ms(disk.gateway.p99 - disk.direct.p99)} ms at p99 (difference of the percentiles).`,
  ];
  if (tmpfs) {
    const addedInMemory = tmpfs.gateway.p50 - tmpfs.direct.p50;
    lines.push(
      '',
      `The same benchmark with the gateway's data folder on tmpfs (/dev/shm), where fsync costs nothing, ${tmpfs.rounds} rounds:`,
      '',
      '| measured | p50 | p90 | p99 | mean |',
      '| --- | ---: | ---: | ---: | ---: |',
      row('gateway: mutation sent → SUCCEEDED', tmpfs.gateway),
      row('direct POST to the emulator', tmpfs.direct),
      row('gateway − direct, paired per round', tmpfs.pairedDifference),
      '',
      `Added latency on tmpfs: ${ms(addedInMemory)} ms at p50.`,
    );
  }
  lines.push(
    '',
    `One durable write on the disk that held the data folder, measured in the same run: an SQLite commit in WAL mode with \`synchronous = FULL\` (the store's settings) took ${ms(diskCost.sqliteCommit.p50)} ms at p50 and ${ms(diskCost.sqliteCommit.p99)} ms at p99; a 4 KiB write plus fsync took ${ms(diskCost.fileFsync.p50)} ms at p50.`,
  );
  if (added > TARGETS.addedDispatchP50Ms) {
    lines.push(
      '',
      '### Why the added latency is above 2 ms',
      '',
      'Between the mutation and SUCCEEDED the gateway makes three SQLite commits that lie on the path, each with an fsync of the WAL (insert QUEUED, RUNNING before the POST, and the artifact row with the SUCCEEDED transition in one transaction), and stores the output as a blob with two more fsyncs (the file and its folder). better-sqlite3 commits synchronously, on the event loop. The tmpfs run above removes the cost of fsync and leaves the gateway\'s own processing; the difference between the two runs is the disk.',
      '',
      'The commits are deliberate: the store records `upstreamPosts` and the result URL around a paid POST so that a restart never sends it twice (see `src/store/README.md`), so the QUEUED insert and the RUNNING commit before the POST must stay durable. The artifact row and the SUCCEEDED transition already share one transaction.',
      '',
      'Even where fsync is free (tmpfs) the gateway adds more than 2 ms. An instrumented trial during development attributed about 1 ms to the GraphQL request before the resolver runs (HTTP, authentication, parse and validation with the operation limits), about 1 ms to writing the output blob (eleven file-system calls, each a round trip through libuv\'s thread pool: stat, two mkdir, open, write, fsync and close of a temporary file, rename, then open, fsync and close of the folder), and the rest to the store calls and the upstream call\'s bookkeeping. With durable storage on every step, 2 ms at p50 is not reachable on this machine; a target for this design would be the tmpfs figure plus the commits on the path, each costing one SQLite commit as measured above.',
    );
  }
  return lines.join('\n');
}

function renderInFlight(inFlight: NonNullable<BenchmarkResults['inFlight']>): string {
  const { disk, tmpfs, floors } = inFlight;
  const runs: [string, InFlightResult][] = [['data on disk', disk]];
  if (tmpfs) {
    runs.push(['data on tmpfs', tmpfs]);
  }
  const cell = (pick: (run: InFlightResult) => string): string => runs.map(([, run]) => pick(run)).join(' | ');
  const lines = [
    `## 3. ${count(disk.generations)} generations in flight`,
    '',
    `${count(disk.generations)} \`createGeneration\` calls on \`/flux-dev-lora\`, up to ${disk.clientConcurrency} at once, against the Modal emulator holding every job for ${seconds(disk.jobMs)} and responding with 303 after ${seconds(disk.requestCapMs)}, so each generation follows at least two 303 hops.${disk.jobMs > 10_000 ? ` The jobs last ${seconds(disk.jobMs)} rather than 10 s so that all generations overlap even when creating them takes ten seconds or more, as it does on a busy disk.` : ''} The gateway runs alone in a child process, as \`npm start\` runs it (Node.js with the tsx loader, \`NODE_ENV=production\`), with every app's concurrency and the per-key limits raised to ${count(disk.generations)} or more. Twenty short generations run first, so lazily loaded code and connection pools exist before the baseline. Peak RSS is the kernel's VmHWM of the child, reset at the start of the measured part; heap figures come from \`process.memoryUsage()\` sampled every 20 ms in the child; event-loop delay comes from \`perf_hooks.monitorEventLoopDelay\` (10 ms resolution) over the same span.`,
    '',
    `| measured | ${runs.map(([label]) => label).join(' | ')} |`,
    `| --- | ${runs.map(() => '---:').join(' | ')} |`,
    `| SUCCEEDED | ${cell((run) => `${count(run.succeeded)} of ${count(run.generations)}`)} |`,
    `| jobs running at the emulator at once, at most | ${cell((run) => count(run.peakConcurrentJobs))} |`,
    `| fewest 303 hops of one job | ${cell((run) => String(run.minRedirectsPerJob))} |`,
    `| time to create all, s | ${cell((run) => (run.createMs / 1000).toFixed(1))} |`,
    `| time until all finished, s | ${cell((run) => (run.totalMs / 1000).toFixed(1))} |`,
    `| RSS idle after start, MiB | ${cell((run) => mib(run.idleRssBytes))} |`,
    `| RSS before the load (after the warm-up and a full GC), MiB | ${cell((run) => mib(run.rssBeforeBytes))} |`,
    `| **peak RSS**, MiB | ${cell((run) => `**${mib(run.peakRssBytes)}**`)} |`,
    `| heap used before → peak, MiB | ${cell((run) => `${mib(run.child.baseline.heapUsed)} → ${mib(run.child.peakHeapUsed)}`)} |`,
    `| heap used after all finished and a GC, MiB | ${cell((run) => mib(run.child.afterGc.heapUsed))} |`,
    `| external (Buffers) before → peak, MiB | ${cell((run) => `${mib(run.child.baseline.external)} → ${mib(run.child.peakExternal)}`)} |`,
    `| event-loop delay p50, ms | ${cell((run) => ms(run.child.eventLoopDelayMs.p50))} |`,
    `| **event-loop delay p99**, ms | ${cell((run) => `**${ms(run.child.eventLoopDelayMs.p99)}**`)} |`,
    `| event-loop delay max, ms | ${cell((run) => ms(run.child.eventLoopDelayMs.max))} |`,
    '',
    `For comparison, a process that only serves HTTP with node:http uses ${mib(floors.plainNodeRssBytes)} MiB RSS under plain Node.js and ${mib(floors.nodeWithTsxRssBytes)} MiB under the tsx loader (measured in the same run).`,
  ];
  const loadGrowth = Math.max(0, disk.peakRssBytes - disk.rssBeforeBytes);
  const rssMet = disk.peakRssBytes < TARGETS.inFlightPeakRssBytes;
  lines.push(
    '',
    rssMet ? '### What the peak RSS consists of' : '### Why peak RSS is above 200 MiB',
    '',
    `Most of the peak is there before any generation: the idle gateway takes ${mib(disk.idleRssBytes)} MiB. Of that, ${mib(floors.nodeWithTsxRssBytes - floors.plainNodeRssBytes)} MiB is the tsx loader (its worker thread and the transformed sources it keeps), which \`npm start\` uses because the gateway runs from TypeScript sources; the rest is the gateway's modules and heap. The load itself adds ${mib(loadGrowth)} MiB, about ${kib(loadGrowth / disk.generations)} KiB per generation in flight (heap objects for the request, the upstream call and its socket, and garbage not yet collected). The idle figure also contains garbage from the start (schema building, module loading) that V8 returns to the system only after later collections: in a trial, repeated forced collections brought an idle gateway from about 160 to about 128 MiB. Peak RSS therefore varies by about ten MiB between runs; runs during development measured 193 to 204 MiB, so the target is met or missed by a small margin. In a trial, the same gateway bundled with esbuild and run by plain Node.js idled at about 121 MiB and peaked at about 175 MiB with 1,000 in flight. Running a compiled build in production, instead of \`tsx src/main.ts\`, gives the target a safe margin.`,
  );
  const delayMet = disk.child.eventLoopDelayMs.p99 < TARGETS.inFlightEventLoopP99Ms;
  lines.push(
    '',
    delayMet ? '### What drives the event-loop delay' : '### Why the event-loop delay is above 50 ms',
    '',
    `Each generation commits to SQLite about five times (insert, RUNNING, the first result URL, the artifact, SUCCEEDED), and better-sqlite3 runs each commit, fsync included, on the event loop. While ${count(disk.generations)} generations are created, accepted and finished in waves, these commits come in bursts, and every burst stalls the loop for its sum, so the delay follows the disk's fsync time. ${tmpfs ? `With the data on tmpfs, where fsync is free, the same load gives ${ms(tmpfs.child.eventLoopDelayMs.p99)} ms at p99 and creates the generations ${(disk.createMs / tmpfs.createMs).toFixed(1)} times faster. ` : ''}During development, with other test suites loading the same disk, the disk run measured a p99 of 61 ms with 100 generations and up to 414 ms with 1,000 generations and 10 s jobs. Fixes, in \`src/store\`: run the SQLite connection in a worker thread so that fsync no longer blocks the loop, or group the commits that arrive within one tick into one transaction (one fsync for many rows). \`synchronous = NORMAL\` would also remove the stalls but gives up durability on power loss, which the store rejects for the reason given in section 2.`,
  );
  return lines.join('\n');
}

function renderLargeInput(result: LargeInputResult): string {
  const lines = [
    `## 4. A ${mib(result.imageBytes)} MiB reference image`,
    '',
    `One \`createGeneration\` on \`/seedvr2\` at a time, each carrying a ${mib(result.imageBytes)} MiB PNG of random pixels (${result.imageWidth} × ${result.imageWidth}, stored deflate blocks, so it does not compress) as base64: a GraphQL request body of ${mib(result.requestBodyBytes)} MiB. The output is 256 pixels on its short side, so it adds little. The gateway runs alone in a child process; before each request it collects garbage and the kernel's peak-RSS counter (VmHWM) is reset, and the growth is the peak during the request, until SUCCEEDED, minus the RSS before it. Heap and external memory are sampled every 2 ms inside the child, which misses peaks inside synchronous steps, so they are lower bounds. Growth is given in MiB and as a multiple of the image size.`,
    '',
    '| request | RSS growth | × image | heap growth | external growth | duration ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.samples.map(
      (sample, index) =>
        `| ${index + 1} | ${mib(sample.rssGrowth)} | ${(sample.rssGrowth / result.imageBytes).toFixed(1)} | ${mib(sample.heapGrowth)} | ${mib(sample.externalGrowth)} | ${Math.round(sample.durationMs)} |`,
    ),
  ];
  if (!result.peakRssReset) {
    lines.push('', 'The kernel refused to reset VmHWM, so the RSS peaks are the process\'s peaks since start.');
  }
  const worst = Math.max(...result.samples.map((sample) => sample.rssGrowth));
  if (worst / result.imageBytes > TARGETS.largeInputGrowthMultiple) {
    lines.push(
      '',
      '### Why the growth is above 3×',
      '',
      `The image exists in memory in several forms at once, and each base64 form is 4/3 of the image (${mib(result.requestBodyBytes)} MiB here):`,
      '',
      '1. `readJsonBody` (`src/server/http.ts`) keeps the request chunks, concatenates them into one Buffer, decodes that to a string and parses it, so the base64 exists as chunks, one Buffer, the body string and the parsed value string.',
      '2. The generation service decodes the base64 into a Buffer (1×) and writes it to the blob store.',
      '3. The dispatcher reads the blob back (1×), encodes it to base64 again, puts it into the JSON body with `JSON.stringify` and joins the parts (three base64-sized strings), and undici turns the body string into bytes for the socket.',
      '',
      'Most of these are short-lived, but they are live within the same few milliseconds and the collector does not run between them. Fixes, in order of effect: build the upstream body (`src/generation/upstream-body.ts`) as Buffers (prefix, the base64 of the bytes encoded in chunks, suffix) and let the upstream client send them with an exact `content-length`, instead of building one string; in `readJsonBody`, decode the chunks with a `StringDecoder` into one string, without the concatenated Buffer; hand the decoded bytes from the service to the dispatcher when the generation is dispatched at once, and read the blob only after a restart. By the list above, these remove about four base64-sized copies (an estimate; not measured).',
      '',
      'They do not reach 3×. While the service decodes the image, the request body string, the copy of the base64 value that `JSON.parse` makes (checked: V8 copies it, 13.3 MiB for a 10 MiB image) and the decoded bytes are all live: 4/3 + 4/3 + 1, about 3.7 times the image. A growth of at most 3× needs the media outside the JSON body, for example a multipart upload (the GraphQL multipart request convention, or a separate upload route) streamed into the blob store, which changes the API.',
    );
  }
  return lines.join('\n');
}

function renderWorkflows(result: WorkflowParsingResult): string {
  return [
    '## 5. Workflow parsing',
    '',
    `Every shared RunComfy workflow file, through \`createWorkflowRepository\` from \`src/workflows\`. Cold: the first \`get\` of a slug on a fresh repository (stat, read, parse). Cached: a second \`get\` on the same repository (stat, then the stored result). Parse only: \`parseWorkflowText\` on text already in memory. Medians over ${result.rounds} rounds, each with a fresh repository; "first" is the very first cold \`get\` in the process, before the parser's code is optimised. Times in ms.`,
    '',
    '| workflow | KiB | nodes | first | cold | parse only | cached |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.files.map(
      (file) =>
        `| ${file.slug} | ${kib(file.bytes)} | ${file.nodes} | ${ms(file.firstColdMs)} | ${ms(file.coldMs)} | ${ms(file.parseOnlyMs)} | ${ms(file.cachedMs)} |`,
    ),
    `| **mean per file** | | | | **${ms(result.meanColdMs)}** | **${ms(result.meanParseOnlyMs)}** | **${ms(result.meanCachedMs)}** |`,
    '',
    `The first pass over all ${result.files.length} files took ${ms(result.firstPassTotalMs)} ms in total.`,
  ].join('\n');
}

function renderUsage(): string {
  return [
    '## Running the benchmarks',
    '',
    '`npm run bench` runs all five and rewrites this file; it takes about five minutes on two cores and is not part of `npm test`. It needs Linux (peak RSS is read from `/proc`) and the shared workflows in `../shared/runcomfy/workflows`. Variables:',
    '',
    '| variable | effect |',
    '| --- | --- |',
    '| `BENCH_QUICK=1` | short durations and counts, to check the harness in about a minute; writes to `BENCH_OUTPUT` or a temporary file, never to this file |',
    '| `BENCH_ONLY` | comma-separated subset of `workflows`, `capabilities`, `dispatch`, `in-flight`, `large-input` |',
    '| `BENCH_OUTPUT` | where the report goes; default `BENCHMARKS.md` in the repository |',
    '| `BENCH_PROFILE_DIR` | folder for V8 CPU profiles of the server child processes and a heap snapshot taken with all generations of benchmark 3 in flight; slows the measured processes |',
  ].join('\n');
}

function rps(row: ThroughputRow): string {
  return count(Math.round(row.requestsPerSecond));
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}

function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function kib(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

function seconds(milliseconds: number): string {
  const total = milliseconds / 1000;
  if (total < 60) {
    return `${Number.isInteger(total) ? total : total.toFixed(1)} s`;
  }
  return `${Math.floor(total / 60)} min ${Math.round(total % 60)} s`;
}
