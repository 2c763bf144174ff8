/** Summary statistics for latency samples. */

/** Count, mean and percentiles of a set of samples, in the samples' unit. */
export interface SampleSummary {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Summarises `samples` with nearest-rank percentiles.
 *
 * @throws RangeError when `samples` is empty.
 */
export function summarize(samples: readonly number[]): SampleSummary {
  if (samples.length === 0) {
    throw new RangeError('summarize: expected at least one sample, got none');
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    mean: total / sorted.length,
    min: sorted[0]!,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}

/** Nearest-rank percentile of ascending `sorted` values. */
export function percentile(sorted: readonly number[], rank: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Median of `samples`; used where a single stable figure per item is reported. */
export function median(samples: readonly number[]): number {
  return summarize(samples).p50;
}
