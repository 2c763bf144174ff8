import { z } from 'zod';

import type { ErrorShape } from './replies.js';

const milliseconds = z.number().int().nonnegative();
const errorStatus = z.number().int().min(400).max(599);
const errorShape = z.enum(['detail', 'detail_list', 'error_details_type', 'text']);

/** Fault settings for one path or for all (`'*'`). Every field is optional. */
export const emulatorFaultSchema = z.strictObject({
  /** Delay before the request is handled at all (validation and job start happen after it). */
  latencyMs: milliseconds.optional(),
  /** Job duration for this path, replacing the emulator's `jobMs`. */
  jobMs: milliseconds.optional(),
  /** Delay between deciding the response and sending its status line and headers. */
  stallHeadersMs: milliseconds.optional(),
  /** Success bodies only: send headers and the first half of the body, wait this long, send the rest. */
  stallBodyMs: milliseconds.optional(),
  /** Success bodies only: declare the full Content-Length, send half, then close the socket. */
  truncateBody: z.boolean().optional(),
  /** Respond to every request for the path (POST and result GET) with this status. No job starts. */
  errorStatus: errorStatus.optional(),
  /** Default `'detail'`. Body shape used with `errorStatus`. */
  errorShape: errorShape.optional(),
  /** Default "Emulated fault". Message used with `errorStatus`. */
  errorMessage: z.string().optional(),
  /** Destroy the socket without any response. */
  resetConnection: z.boolean().optional(),
  /** Send exactly this many 303s (the POST, then result GETs) before the result. */
  redirectHops: z.number().int().nonnegative().optional(),
  /** The platform rejects the next `count` POSTs with `status` and a text body; no job starts. */
  rejectBeforeAccept: z
    .strictObject({
      status: errorStatus,
      count: z.number().int().positive(),
      body: z.string().optional(),
    })
    .optional(),
  /** The job starts and runs its duration, then ends with this error instead of media. */
  failAfterAccept: z
    .union([
      z.literal(true),
      z.strictObject({
        status: errorStatus.optional(),
        shape: errorShape.optional(),
        message: z.string().optional(),
      }),
    ])
    .optional(),
});

export type EmulatorFault = z.infer<typeof emulatorFaultSchema>;

/** A job failure resolved from `failAfterAccept`, with defaults filled in. */
export interface JobFailure {
  status: number;
  shape: ErrorShape;
  message: string;
}

/** The key that applies a fault to every catalog path. */
export const ALL_PATHS = '*';

/**
 * Internal: the fault settings in force, per path and for all paths, with the countdown of
 * platform rejections for each setting.
 */
export class FaultTable {
  private readonly faults = new Map<string, EmulatorFault>();
  private readonly rejectionsLeft = new Map<string, number>();

  constructor(private readonly knownPaths: ReadonlySet<string>) {}

  /** Replaces the fault for `path` (a catalog path or `'*'`). Throws on an unknown path or invalid fault. */
  set(path: string, fault: EmulatorFault): void {
    if (path !== ALL_PATHS && !this.knownPaths.has(path)) {
      const example = this.knownPaths.values().next().value ?? '/flux-dev';
      throw new Error(`setFault: unknown path "${path}"; expected "*" or a catalog path such as "${example}"`);
    }
    const parsed = emulatorFaultSchema.safeParse(fault);
    if (!parsed.success) {
      throw new Error(`setFault: invalid fault for "${path}":\n${z.prettifyError(parsed.error)}`);
    }

    this.faults.set(path, parsed.data);
    if (parsed.data.rejectBeforeAccept === undefined) {
      this.rejectionsLeft.delete(path);
    } else {
      this.rejectionsLeft.set(path, parsed.data.rejectBeforeAccept.count);
    }
  }

  /** Removes the fault for one key, or every fault when `path` is omitted. */
  clear(path?: string): void {
    if (path === undefined) {
      this.faults.clear();
      this.rejectionsLeft.clear();
      return;
    }
    this.faults.delete(path);
    this.rejectionsLeft.delete(path);
  }

  /** Returns the settings in force for `path`: its own fields over those set for `'*'`. */
  resolve(path: string): EmulatorFault {
    return { ...this.faults.get(ALL_PATHS), ...this.faults.get(path) };
  }

  /**
   * Consumes one platform rejection for a POST to `path`, preferring the path's own setting.
   * Returns the status and text body to send, or undefined when no rejection is left.
   */
  takeRejection(path: string): { status: number; body: string | undefined } | undefined {
    for (const key of [path, ALL_PATHS]) {
      const left = this.rejectionsLeft.get(key) ?? 0;
      const setting = this.faults.get(key)?.rejectBeforeAccept;
      if (left > 0 && setting !== undefined) {
        this.rejectionsLeft.set(key, left - 1);
        return { status: setting.status, body: setting.body };
      }
    }
    return undefined;
  }
}

/** Resolves `failAfterAccept` to a concrete failure, or undefined when the job should succeed. */
export function jobFailureOf(fault: EmulatorFault): JobFailure | undefined {
  const setting = fault.failAfterAccept;
  if (setting === undefined) {
    return undefined;
  }
  const options = setting === true ? {} : setting;
  return {
    status: options.status ?? 500,
    shape: options.shape ?? 'error_details_type',
    message: options.message ?? 'Emulated job failure after the request was accepted',
  };
}
