/** Messages between the benchmark runner and a server it runs in a child process. */

/** The server a child process runs. */
export type ServerKind = 'gateway' | 'plain-apollo' | 'bare-http';

/** The child's start parameters, passed as JSON in its first argument. */
export interface ChildSpec {
  readonly kind: ServerKind;
  /** Environment for the gateway's `readConfig` (gateway only). */
  readonly env?: Record<string, string>;
  /** File with the exact response bytes (bare-http only). */
  readonly responseFile?: string;
  /** How often memory is sampled between `mark` and `report`, in milliseconds. */
  readonly sampleIntervalMs?: number;
}

/** `process.memoryUsage()` at one moment, in bytes. */
export interface MemorySnapshot {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

/** Measurements of the child between `mark` and `report`. */
export interface ChildReport {
  readonly baseline: MemorySnapshot;
  readonly current: MemorySnapshot;
  /** After a full garbage collection at the end: what stays live once the load is gone. */
  readonly afterGc: MemorySnapshot;
  /** Largest values seen by the sampler, in bytes. */
  readonly peakHeapUsed: number;
  readonly peakExternal: number;
  readonly peakArrayBuffers: number;
  readonly samples: number;
  /** Event-loop delay from `perf_hooks.monitorEventLoopDelay`, in milliseconds. */
  readonly eventLoopDelayMs: { readonly p50: number; readonly p99: number; readonly max: number; readonly mean: number };
}

export type ParentMessage =
  | { readonly type: 'mark' }
  | { readonly type: 'report' }
  | { readonly type: 'heap-snapshot'; readonly file: string }
  | { readonly type: 'stop' };

export type ChildMessage =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'marked'; readonly baseline: MemorySnapshot }
  | { readonly type: 'report'; readonly report: ChildReport }
  | { readonly type: 'finished'; readonly status: string }
  | { readonly type: 'heap-snapshot-written'; readonly file: string }
  | { readonly type: 'stopped' }
  | { readonly type: 'failed'; readonly message: string };
