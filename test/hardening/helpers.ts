/**
 * Shared pieces of the hardening tests: a test gateway whose log lines are captured as parsed
 * JSON, counts of stored generations, and small valid inputs for a client endpoint.
 */
import { createLogger } from '../../src/gateway.js';
import { samplePng } from '../../src/emulator/samples/index.js';
import type { GenerationStatus } from '../../src/store/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway-harness.js';

export type LogLine = Record<string, unknown> & { level: number; msg: string };

export interface CapturedGateway extends TestGateway {
  /** Returns every log line written so far, parsed. */
  readonly logLines: () => LogLine[];
  /** Every log line written so far, as raw text. */
  readonly rawLog: () => string;
}

const ALL_STATUSES: GenerationStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'TIMED_OUT'];

/** Starts a test gateway that logs at `level` into memory. */
export async function startCapturedGateway(
  options: { env?: Record<string, string>; level?: string; gateway?: NonNullable<Parameters<typeof startTestGateway>[0]>['gateway'] } = {},
): Promise<CapturedGateway> {
  const raw: string[] = [];
  const logger = createLogger(options.level ?? 'info', {
    write(line: string) {
      raw.push(line);
    },
  });
  const gateway = await startTestGateway({ env: options.env, gateway: { logger, ...options.gateway } });
  return Object.assign(gateway, {
    logLines: () => raw.map((line) => JSON.parse(line) as LogLine),
    rawLog: () => raw.join(''),
  });
}

/** Counts every stored generation, whatever its owner and status. */
export async function countStoredGenerations(gateway: TestGateway): Promise<number> {
  const records = await gateway.gateway.services.store.listGenerationsByStatus(ALL_STATUSES);
  return records.length;
}

/** Returns a small PNG as a data URL, which `/flux-pulid` accepts as its reference image. */
export function referenceDataUrl(): string {
  return `data:image/png;base64,${samplePng(64, 64).toString('base64')}`;
}

/** Returns valid inputs for `/flux-pulid`, a client-visible endpoint, with `overrides` applied. */
export function fluxPulidInputs(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { prompt: 'a lighthouse at dusk', reference_image: referenceDataUrl(), width: 64, height: 64, ...overrides };
}

export const CREATE = /* GraphQL */ `
  mutation Create($input: CreateGenerationInput!) {
    createGeneration(input: $input) {
      generation { id status }
      userErrors { field code message }
    }
  }
`;
