/**
 * Shared helpers for the workflow tests: paths to the fixtures and to the RunComfy workflows
 * beside the clone, and finders that fail with a clear message when an entry is missing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseWorkflowText } from '../../src/workflows/index.js';
import type {
  FaceSummary,
  LatentSummary,
  LoraSummary,
  ResolvedValue,
  SamplerSummary,
  WorkflowSummary,
} from '../../src/workflows/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedWorkflowsDir = path.resolve(repoRoot, '../shared/runcomfy/workflows');
export const sharedRunComfyDir = path.resolve(repoRoot, '../shared/runcomfy');
export const fixturesDir = path.resolve(repoRoot, 'test/workflows/fixtures');

/** Parses a fixture from test/workflows/fixtures. */
export function loadFixture(name: string): WorkflowSummary {
  const file = path.join(fixturesDir, name);
  return parseWorkflowText(readFileSync(file, 'utf8'), { file: name });
}

/** Parses one of the shared RunComfy workflows by slug. */
export function loadShared(slug: string): WorkflowSummary {
  const file = path.join(sharedWorkflowsDir, slug, 'workflow.json');
  return parseWorkflowText(readFileSync(file, 'utf8'), { slug, file });
}

export function samplerOf(summary: WorkflowSummary, nodeId: string): SamplerSummary {
  return found(summary.samplers.find((sampler) => sampler.nodeId === nodeId), `sampler ${nodeId}`);
}

export function latentOf(summary: WorkflowSummary, nodeId: string): LatentSummary {
  return found(summary.latents.find((latent) => latent.nodeId === nodeId), `latent ${nodeId}`);
}

export function loraOf(summary: WorkflowSummary, nodeId: string): LoraSummary {
  return found(summary.loras.find((lora) => lora.nodeId === nodeId), `LoRA ${nodeId}`);
}

export function faceOf(summary: WorkflowSummary, nodeId: string): FaceSummary {
  return found(summary.faceConsistency.find((face) => face.nodeId === nodeId), `face node ${nodeId}`);
}

/** Returns the value of a resolved value, failing when it is absent. */
export function valueOf(resolved: ResolvedValue | null | undefined): ResolvedValue['value'] {
  return found(resolved, 'resolved value').value;
}

export function extraOf(entries: { name: string; value: ResolvedValue }[], name: string): ResolvedValue {
  return found(entries.find((entry) => entry.name === name)?.value, `extra value "${name}"`);
}

function found<T>(value: T | null | undefined, description: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${description} in the summary, found none`);
  return value;
}
