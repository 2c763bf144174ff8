/**
 * Reads the `X-*` headers that Modal handlers set on a successful response.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Cost and runtime facts reported by a handler, plus every `X-*` header as sent. */
export interface ModalResponseHeaders {
  /** `X-Cost-USD`, when present and a finite non-negative number. */
  costUsd?: number;
  /** `X-Execution-Time-Sec`, when present and a finite non-negative number. */
  executionTimeSec?: number;
  /** `X-GPU-Type`, such as `L40S`. */
  gpuType?: string;
  /** Every `X-*` header with a lowercase name. Repeated headers are joined with ", ". */
  raw: Record<string, string>;
}

/** Collects the `X-*` headers of a response. Values that do not parse stay only in `raw`. */
export function readModalHeaders(headers: IncomingHttpHeaders): ModalResponseHeaders {
  const raw: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !name.toLowerCase().startsWith('x-')) {
      continue;
    }
    raw[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }

  const result: ModalResponseHeaders = { raw };
  const costUsd = parseNonNegative(raw['x-cost-usd']);
  if (costUsd !== undefined) {
    result.costUsd = costUsd;
  }
  const executionTimeSec = parseNonNegative(raw['x-execution-time-sec']);
  if (executionTimeSec !== undefined) {
    result.executionTimeSec = executionTimeSec;
  }
  const gpuType = raw['x-gpu-type']?.trim();
  if (gpuType !== undefined && gpuType !== '') {
    result.gpuType = gpuType;
  }
  return result;
}

function parseNonNegative(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?\s*$/.test(value)) {
    return undefined;
  }
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}
