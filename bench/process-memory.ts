/**
 * Resident memory of another process, read by the kernel's accounting in /proc, so a peak that
 * happens while the process's own event loop is blocked is still seen. Linux only.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface ResidentMemory {
  /** Current resident set size (VmRSS), in bytes. */
  readonly rssBytes: number;
  /** Peak resident set size since start or since the last `resetPeakRss` (VmHWM), in bytes. */
  readonly peakRssBytes: number;
}

/**
 * Reads VmRSS and VmHWM of `pid`.
 *
 * @throws Error when /proc/<pid>/status cannot be read or lacks those lines (not Linux, or the
 * process has exited).
 */
export function readResidentMemory(pid: number): ResidentMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssBytes: statusKilobytes(status, 'VmRSS', pid) * 1024, peakRssBytes: statusKilobytes(status, 'VmHWM', pid) * 1024 };
}

/**
 * Resets the kernel's peak RSS (VmHWM) of `pid` to its current RSS by writing 5 to
 * /proc/<pid>/clear_refs (Linux 4.0 and later). Returns false when the kernel refuses, in which
 * case VmHWM keeps the peak since the process started.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function statusKilobytes(status: string, field: string, pid: number): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) {
    throw new Error(`/proc/${pid}/status has no "${field}: <n> kB" line; peak memory is measured on Linux only`);
  }
  return Number(match[1]);
}
