import type { ResolvedValue, WorkflowSummary } from '../workflows/index.js';

/**
 * Lists a workflow's effective parameters by name: the primary sampler's settings, its latent
 * size, active LoRA strengths and face-consistency weights. Inactive nodes are left out.
 */
export function flattenWorkflowParameters(workflow: WorkflowSummary): { name: string; value: ResolvedValue }[] {
  const parameters: { name: string; value: ResolvedValue }[] = [];
  const add = (name: string, value: ResolvedValue | null): void => {
    if (value) {
      parameters.push({ name, value });
    }
  };

  const sampler = workflow.samplers.find((candidate) => candidate.nodeId === workflow.primarySamplerId);
  if (sampler) {
    add('seed', sampler.seed);
    add('steps', sampler.steps);
    add('cfg', sampler.cfg);
    add('guidance', sampler.guidance);
    add('sampler_name', sampler.samplerName);
    add('scheduler', sampler.scheduler);
    add('denoise', sampler.denoise);
  }
  const latent =
    workflow.latents.find((candidate) => candidate.active && candidate.nodeId === sampler?.latentNodeId) ??
    workflow.latents.find((candidate) => candidate.active);
  if (latent) {
    add('width', latent.width);
    add('height', latent.height);
    add('batch_size', latent.batchSize);
    add('length', latent.length);
  }
  for (const lora of workflow.loras.filter((candidate) => candidate.active)) {
    const label = typeof lora.name?.value === 'string' ? lora.name.value : lora.nodeId;
    add(`lora_strength_model[${label}]`, lora.strengthModel);
    add(`lora_strength_clip[${label}]`, lora.strengthClip);
  }
  for (const face of workflow.faceConsistency.filter((candidate) => candidate.active)) {
    const prefix = face.method.toLowerCase();
    add(`${prefix}_weight`, face.weight);
    add(`${prefix}_start_at`, face.startAt);
    add(`${prefix}_end_at`, face.endAt);
  }
  return parameters;
}
