/**
 * Compares an endpoint's input defaults with a workflow's effective values, parameter by
 * parameter, and ranks the mappings by how far apart they are.
 *
 * Endpoint inputs map to canonical parameters (width/height → the primary sampler's latent,
 * `guidance`/`guidance_scale` → FluxGuidance for guidance-distilled families or cfg otherwise,
 * `instantid_strength` → ApplyInstantID weight...). When the model families differ in step
 * regime or guidance kind (a Schnell endpoint against a Dev workflow), step and cfg
 * differences are reported as explained by the model and not counted as gaps.
 */
import type { EndpointFacts, EndpointInput, MappingFacts } from '../catalog/schema.js';
import { detectModelFamily, withAccelerator } from './model-families.js';
import type {
  Alignment,
  FaceMethod,
  FaceSummary,
  LatentSummary,
  LoraSummary,
  ModelAlignment,
  ModelFamily,
  ParameterAlignment,
  ParameterStatus,
  ResolvedValue,
  SamplerSummary,
  UpscalerSummary,
  WorkflowScalar,
  WorkflowSummary,
} from './types.js';

/** Distance added when the model families differ, and when one of them is unknown. */
const MODEL_DIFFERS_DISTANCE = 2;
const MODEL_UNKNOWN_DISTANCE = 1;
/** A parameter set on one side only counts half its weight. */
const ONE_SIDED_FACTOR = 0.5;

/** Endpoint input roles that describe generation settings worth comparing. */
const COMPARABLE_ROLES = new Set<EndpointInput['role']>([
  'size',
  'sampler',
  'seed',
  'strength',
  'lora_strength',
  'timing',
  'upscale',
  'face_restore',
]);

/** Known sampler and scheduler names, to read "euler/simple" from an endpoint's purpose text. */
const SAMPLER_NAMES = new Set([
  'euler', 'euler_ancestral', 'heun', 'dpm_2', 'dpm_2_ancestral', 'lms', 'dpm_fast', 'dpm_adaptive',
  'dpmpp_2s_ancestral', 'dpmpp_sde', 'dpmpp_2m', 'dpmpp_2m_sde', 'dpmpp_3m_sde', 'ddpm', 'lcm', 'ddim',
  'uni_pc', 'uni_pc_bh2', 'res_multistep', 'ipndm', 'deis',
]);
const SCHEDULER_NAMES = new Set([
  'normal', 'karras', 'exponential', 'sgm_uniform', 'simple', 'ddim_uniform', 'beta', 'linear_quadratic', 'kl_optimal',
]);

interface Context {
  summary: WorkflowSummary;
  sampler: SamplerSummary | null;
  latent: LatentSummary | null;
  endpointFamily: ModelFamily | null;
  workflowFamily: ModelFamily | null;
}

interface ParameterRule {
  parameter: string;
  /** Endpoint inputs that feed this parameter, first match wins. */
  inputs: readonly string[];
  weight: number;
  kind: 'number' | 'text' | 'seed' | 'boolean';
  /** Returns the workflow's value. `endpointHasInput` is true when the endpoint sets this parameter. */
  workflow: (context: Context, endpointHasInput: boolean) => ResolvedValue | null;
  /** A workflow value that needs no endpoint counterpart, such as denoise 1. */
  neutral?: WorkflowScalar;
  /** Settings that follow from the model's step regime or guidance kind. */
  sensitivity?: 'steps' | 'cfg';
  /** Read the value from the endpoint's purpose text ("euler/simple") when no input exists. */
  fromPurpose?: 'sampler' | 'scheduler';
  /** Completes "the workflow has no ..." in ONLY_ENDPOINT verdicts. */
  missing: string;
  /** Adds context to the verdict, e.g. how many nodes apply the value. */
  note?: (context: Context) => string | null;
}

const RULES: ParameterRule[] = [
  sizeRule('width'),
  sizeRule('height'),
  {
    parameter: 'batch_size',
    inputs: ['batch_size'],
    weight: 0.1,
    kind: 'number',
    neutral: 1,
    workflow: (context) => context.latent?.batchSize ?? null,
    missing: 'batch size',
  },
  {
    parameter: 'length',
    inputs: ['length', 'num_frames'],
    weight: 0.5,
    kind: 'number',
    workflow: (context) => context.latent?.length ?? null,
    missing: 'frame count',
  },
  {
    parameter: 'fps',
    inputs: ['fps'],
    weight: 0.25,
    kind: 'number',
    workflow: (context) => context.summary.videoOutputs.find((output) => output.active && output.fps)?.fps ?? null,
    missing: 'video output',
  },
  {
    parameter: 'steps',
    inputs: ['steps'],
    weight: 1,
    kind: 'number',
    sensitivity: 'steps',
    workflow: (context) => context.sampler?.steps ?? null,
    missing: 'step count',
  },
  {
    parameter: 'cfg',
    inputs: ['cfg'],
    weight: 1,
    kind: 'number',
    sensitivity: 'cfg',
    workflow: (context) => context.sampler?.cfg ?? null,
    missing: 'cfg setting',
  },
  {
    parameter: 'guidance',
    inputs: ['guidance', 'guidance_scale'],
    weight: 1,
    kind: 'number',
    sensitivity: 'cfg',
    workflow: guidanceValue,
    missing: 'guidance setting',
  },
  {
    parameter: 'sampler_name',
    inputs: ['sampler_name'],
    weight: 0.5,
    kind: 'text',
    fromPurpose: 'sampler',
    workflow: (context) => context.sampler?.samplerName ?? null,
    missing: 'sampler name',
  },
  {
    parameter: 'scheduler',
    inputs: ['scheduler'],
    weight: 0.5,
    kind: 'text',
    fromPurpose: 'scheduler',
    workflow: (context) => context.sampler?.scheduler ?? null,
    missing: 'scheduler',
  },
  {
    parameter: 'seed',
    inputs: ['seed'],
    weight: 0,
    kind: 'seed',
    workflow: (context) => context.sampler?.seed ?? firstUpscaler(context, (upscaler) => upscaler.seed),
    missing: 'seed',
  },
  {
    parameter: 'denoise',
    inputs: ['denoise'],
    weight: 1,
    kind: 'number',
    neutral: 1,
    workflow: (context) => context.sampler?.denoise ?? null,
    missing: 'denoise setting',
  },
  {
    parameter: 'timestep_to_start_cfg',
    inputs: ['timestep_to_start_cfg'],
    weight: 0.25,
    kind: 'number',
    workflow: (context) => context.sampler?.extra.find((entry) => entry.name === 'timestep_to_start_cfg')?.value ?? null,
    missing: 'XlabsSampler',
  },
  {
    parameter: 'lora_strength',
    inputs: ['lora_strength'],
    weight: 1,
    kind: 'number',
    workflow: (context) => mainLora(context)?.strengthModel ?? null,
    missing: 'active LoRA loader (step-distillation LoRAs aside)',
  },
  faceRule('instantid_weight', ['instantid_strength'], 'INSTANTID', (face) => face.weight, 'InstantID node'),
  faceRule('pulid_weight', ['pulid_weight'], 'PULID', (face) => face.weight, 'PuLID node'),
  faceRule('pulid_start_at', ['start_at'], 'PULID', (face) => face.startAt, 'PuLID node'),
  faceRule('pulid_end_at', ['end_at'], 'PULID', (face) => face.endAt, 'PuLID node'),
  faceRule('ipadapter_weight', ['ipadapter_strength'], 'IPADAPTER', (face) => face.weight, 'IP-Adapter node'),
  {
    parameter: 'upscale_resolution',
    inputs: ['resolution'],
    weight: 0.5,
    kind: 'number',
    workflow: (context) => firstUpscaler(context, (upscaler) => upscaler.resolution),
    missing: 'upscaler with a target resolution',
  },
  {
    parameter: 'max_resolution',
    inputs: ['max_resolution'],
    weight: 0.25,
    kind: 'number',
    workflow: (context) => firstUpscaler(context, (upscaler) => extraValue(upscaler.extra, 'max_resolution')),
    missing: 'upscaler with a maximum resolution',
  },
  {
    parameter: 'restore_face',
    inputs: ['restore_face'],
    weight: 0.5,
    kind: 'boolean',
    workflow: restoreFaceValue,
    missing: 'face swap node',
  },
  faceRule(
    'face_restore_visibility',
    ['face_restore_visibility'],
    'FACE_SWAP',
    (face) => extraValue(face.extra, 'face_restore_visibility'),
    'face swap node',
    0.5,
  ),
  faceRule(
    'codeformer_weight',
    ['codeformer_weight'],
    'FACE_SWAP',
    (face) => extraValue(face.extra, 'codeformer_weight'),
    'face swap node',
    0.5,
  ),
];

/**
 * Compares one mapping. A mapping without a workflow (or a null summary) gives status
 * NO_WORKFLOW and no parameters.
 */
export function computeAlignment(endpoint: EndpointFacts, mapping: MappingFacts, workflow: WorkflowSummary | null): Alignment {
  if (mapping.workflow === null || workflow === null) {
    return {
      endpoint: endpoint.path,
      workflow: mapping.workflow,
      relation: mapping.relation,
      status: 'NO_WORKFLOW',
      model: null,
      samplerId: null,
      parameters: [],
      distance: null,
      gapCount: 0,
      summary: mapping.workflow === null ? 'No workflow is mapped to this endpoint.' : `Workflow "${mapping.workflow}" is not available.`,
    };
  }

  const sampler = workflow.samplers.find((candidate) => candidate.nodeId === workflow.primarySamplerId) ?? null;
  const model = compareModels(endpoint, workflow, sampler);
  const context: Context = {
    summary: workflow,
    sampler,
    latent: sampler ? (workflow.latents.find((latent) => latent.nodeId === sampler.latentNodeId) ?? null) : null,
    endpointFamily: model.endpointFamily,
    workflowFamily: model.workflowFamily,
  };

  const used = new Set<string>();
  const parameters = RULES.flatMap((rule) => {
    const result = compareParameter(rule, endpoint, context);
    if (result?.endpointInput) used.add(result.endpointInput);
    return result ? [result] : [];
  });
  parameters.push(...unmatchedInputs(endpoint, used));
  dropCfgComparedAsGuidance(parameters, sampler);

  let modelDistance = 0;
  if (!model.same) modelDistance = model.endpointFamily && model.workflowFamily ? MODEL_DIFFERS_DISTANCE : MODEL_UNKNOWN_DISTANCE;
  const distance = round(parameters.reduce((total, parameter) => total + parameter.distance, modelDistance));
  const gaps = parameters.filter(isGap);
  return {
    endpoint: endpoint.path,
    workflow: mapping.workflow,
    relation: mapping.relation,
    status: 'COMPARED',
    model,
    samplerId: sampler?.nodeId ?? null,
    parameters,
    distance,
    gapCount: gaps.length,
    summary: summarize(model, parameters, gaps),
  };
}

/** Orders alignments most different first; NO_WORKFLOW entries come last. Returns a new array. */
export function rankAlignments(alignments: readonly Alignment[]): Alignment[] {
  return [...alignments].sort((a, b) => {
    if (a.distance === null || b.distance === null) {
      if (a.distance !== b.distance) return a.distance === null ? 1 : -1;
    } else if (a.distance !== b.distance) {
      return b.distance - a.distance;
    }
    return a.endpoint.localeCompare(b.endpoint) || (a.workflow ?? '').localeCompare(b.workflow ?? '');
  });
}

/**
 * When the endpoint's guidance was compared with the workflow's cfg, a separate "only the
 * workflow sets cfg" entry would count the same value twice.
 */
function dropCfgComparedAsGuidance(parameters: ParameterAlignment[], sampler: SamplerSummary | null): void {
  const guidance = parameters.find((parameter) => parameter.parameter === 'guidance');
  if (!sampler?.cfg || guidance?.workflowSource !== sampler.cfg) return;
  const index = parameters.findIndex((parameter) => parameter.parameter === 'cfg' && parameter.status === 'ONLY_WORKFLOW');
  if (index >= 0) parameters.splice(index, 1);
}

function isGap(parameter: ParameterAlignment): boolean {
  const oneSidedOrDifferent = parameter.status === 'DIFFERENT' || parameter.status === 'ONLY_ENDPOINT' || parameter.status === 'ONLY_WORKFLOW';
  return oneSidedOrDifferent && !parameter.explainedByModel && parameter.distance > 0;
}

function compareParameter(rule: ParameterRule, endpoint: EndpointFacts, context: Context): ParameterAlignment | null {
  const input = endpoint.inputs.find((candidate) => rule.inputs.includes(candidate.name));
  const purposeValue = !input && rule.fromPurpose ? readPurposeSampler(endpoint.purpose)?.[rule.fromPurpose] : undefined;
  const workflowValue = rule.workflow(context, input !== undefined || purposeValue !== undefined);
  if (!input && purposeValue === undefined && !workflowValue) return null;

  const endpointValue: WorkflowScalar = input ? endpointDefault(input) : (purposeValue ?? null);
  const endpointInput = input?.name ?? null;
  const base = { parameter: rule.parameter, endpointInput, endpointValue, workflowValue: workflowValue?.value ?? null, workflowSource: workflowValue };
  const endpointLabel = input ? describeEndpointValue(input, endpointValue) : `${String(endpointValue)} (from the endpoint's purpose text)`;
  const note = rule.note?.(context);
  const withNote = (text: string): string => (note ? `${text} ${note}` : text);

  // Only the workflow sets it.
  if (!input && purposeValue === undefined) {
    const value = workflowValue as ResolvedValue;
    if (rule.weight === 0 || value.source === 'IMPLIED' || value.value === null || sameValue(rule, value.value, rule.neutral ?? null)) return null;
    return {
      ...base,
      status: 'ONLY_WORKFLOW',
      explainedByModel: false,
      distance: round(rule.weight * ONE_SIDED_FACTOR),
      verdict: withNote(`Only the workflow sets it: ${format(value.value)} (${value.detail}); the endpoint has no such input.`),
    };
  }

  // Only the endpoint sets it.
  if (!workflowValue) {
    return {
      ...base,
      status: 'ONLY_ENDPOINT',
      explainedByModel: false,
      distance: round(rule.weight * ONE_SIDED_FACTOR),
      verdict: `Only the endpoint sets it (${endpointLabel}); the workflow has no ${rule.missing}.`,
    };
  }

  if (rule.kind === 'seed') return { ...base, ...compareSeeds(endpointValue, workflowValue) };

  if (workflowValue.value === null) {
    return {
      ...base,
      status: 'RUNTIME',
      explainedByModel: false,
      distance: 0,
      verdict: `Endpoint ${endpointLabel}; the workflow only knows it at run time (${workflowValue.detail}).`,
    };
  }

  if (endpointValue === null) {
    return {
      ...base,
      status: 'ONLY_WORKFLOW',
      explainedByModel: false,
      distance: round(rule.weight * ONE_SIDED_FACTOR),
      verdict: withNote(`The endpoint input "${endpointInput}" has no default; the workflow uses ${format(workflowValue.value)} (${workflowValue.detail}).`),
    };
  }

  if (sameValue(rule, endpointValue, workflowValue.value)) {
    return {
      ...base,
      status: 'SAME',
      explainedByModel: false,
      distance: 0,
      verdict: withNote(`Same: ${format(endpointValue)}${workflowValue.source === 'IMPLIED' ? ` (${workflowValue.detail})` : ''}.`),
    };
  }

  const explanation = rule.sensitivity ? modelExplanation(rule.sensitivity, context) : null;
  return {
    ...base,
    status: 'DIFFERENT',
    explainedByModel: explanation !== null,
    distance: explanation ? 0 : round(rule.weight * relativeDifference(rule, endpointValue, workflowValue.value)),
    verdict: withNote(
      `Endpoint ${format(endpointValue)}, workflow ${format(workflowValue.value)} (${workflowValue.detail}).${explanation ? ` Explained by the model: ${explanation}.` : ''}`,
    ),
  };
}

function compareSeeds(
  endpointValue: WorkflowScalar,
  workflowValue: ResolvedValue,
): Pick<ParameterAlignment, 'status' | 'explainedByModel' | 'distance' | 'verdict'> {
  const endpointRandom = endpointValue === null;
  const workflowVaries = workflowValue.control !== null && workflowValue.control !== 'fixed';
  const endpointText = endpointRandom ? 'random per request' : String(endpointValue);
  const workflowText = workflowValue.value === null
    ? 'computed at run time'
    : `${String(workflowValue.value)}${workflowVaries ? ` with "${workflowValue.control}" (changes on every run)` : ' (fixed)'}`;

  let status: ParameterStatus;
  if (workflowValue.value === null && !workflowVaries) status = 'RUNTIME';
  else if (endpointRandom || workflowVaries) status = endpointRandom && workflowVaries ? 'SAME' : 'DIFFERENT';
  else status = String(endpointValue) === String(workflowValue.value) ? 'SAME' : 'DIFFERENT';

  const prefix = status === 'SAME' ? 'Same' : 'Differs';
  return {
    status,
    explainedByModel: false,
    distance: 0,
    verdict: `${prefix}: endpoint ${endpointText}, workflow ${workflowText}; seeds change the sample, not the quality, so they are not counted.`,
  };
}

/** Endpoint inputs of comparable roles that no rule covers. */
function unmatchedInputs(endpoint: EndpointFacts, used: Set<string>): ParameterAlignment[] {
  const ruleInputs = new Set(RULES.flatMap((rule) => rule.inputs));
  return endpoint.inputs
    .filter((input) => COMPARABLE_ROLES.has(input.role) && !used.has(input.name) && !ruleInputs.has(input.name))
    .map((input) => {
      const value = endpointDefault(input);
      return {
        parameter: input.name,
        endpointInput: input.name,
        endpointValue: value,
        workflowValue: null,
        workflowSource: null,
        status: 'ONLY_ENDPOINT' as const,
        explainedByModel: false,
        distance: round(0.25 * ONE_SIDED_FACTOR),
        verdict: `Only the endpoint has "${input.name}" (${describeEndpointValue(input, value)}); no workflow setting corresponds to it.`,
      };
    });
}

function compareModels(endpoint: EndpointFacts, workflow: WorkflowSummary, sampler: SamplerSummary | null): ModelAlignment {
  const endpointFamily = endpointModelFamily(endpoint);
  const { family: workflowFamily, names } = workflowModelFamily(workflow, sampler);
  const same = endpointFamily !== null && workflowFamily !== null && endpointFamily.id === workflowFamily.id;

  let verdict: string;
  if (!endpointFamily || !workflowFamily) {
    const unknown = !endpointFamily ? `the endpoint's model family (from "${endpoint.purpose}")` : `the workflow's model family (from ${names.join(', ') || 'no model files'})`;
    verdict = `Cannot tell whether the models match: ${unknown} is not in the family table.`;
  } else if (same) {
    verdict = `Both run ${workflowFamily.label}${endpointFamily.stepRegime !== workflowFamily.stepRegime ? `, but the endpoint samples as ${endpointFamily.label} and the workflow as ${workflowFamily.label}` : ''}.`;
  } else {
    const consequence = endpointFamily.stepRegime !== workflowFamily.stepRegime || endpointFamily.guidance !== workflowFamily.guidance
      ? 'step and guidance differences that follow from that are not counted as gaps'
      : 'both need similar settings, so parameter differences still count';
    verdict = `The models differ: the endpoint runs ${endpointFamily.label}, the workflow ${workflowFamily.label} (${names.join(', ')}); ${consequence}.`;
  }
  return { endpointFamily, workflowFamily, workflowModels: names, same, verdict };
}

function endpointModelFamily(endpoint: EndpointFacts): ModelFamily | null {
  const modelDefaults = endpoint.inputs.flatMap((input) =>
    input.role === 'model' && input.type === 'string' && input.default ? [input.default] : [],
  );
  const family = detectModelFamily([endpoint.path, endpoint.purpose, ...modelDefaults]);
  if (!family) return null;
  const text = `${endpoint.path} ${endpoint.purpose}`;
  if (/lightx2v/i.test(text)) return withAccelerator(family, 'LightX2V LoRA');
  if (/lightning|hyper[\s._-]?sd/i.test(text)) return withAccelerator(family, 'Lightning LoRA');
  return family;
}

function workflowModelFamily(workflow: WorkflowSummary, sampler: SamplerSummary | null): { family: ModelFamily | null; names: string[] } {
  const activeModels = workflow.models.filter((model) => model.active);
  const scoped = sampler ? activeModels.filter((model) => sampler.modelNodeIds.includes(model.nodeId)) : activeModels;
  const primary = scoped.filter((model) => model.kind === 'CHECKPOINT' || model.kind === 'UNET' || model.kind === 'PIPELINE');
  const chosen = primary.length > 0 ? primary : scoped.filter((model) => model.kind !== 'LORA');
  const names = [...new Set(chosen.map((model) => model.name))];
  const family = detectModelFamily(names);
  if (!family) return { family, names };

  const loras = workflow.loras.filter(
    (lora) => lora.active && lora.accelerator && (!sampler || sampler.loraNodeIds.includes(lora.nodeId)),
  );
  const accelerator = loras[0]?.name?.value;
  if (typeof accelerator !== 'string') return { family, names };
  const label = /lightx2v/i.test(accelerator) ? 'LightX2V LoRA' : /lightning/i.test(accelerator) ? 'Lightning LoRA' : 'step-distillation LoRA';
  return { family: withAccelerator(family, label), names: [...names, accelerator] };
}

/** Returns the reason the model difference accounts for a steps or cfg difference, or null when it does not. */
function modelExplanation(sensitivity: 'steps' | 'cfg', context: Context): string | null {
  const { endpointFamily: endpoint, workflowFamily: workflow } = context;
  if (!endpoint || !workflow) return null;
  if (endpoint.stepRegime !== workflow.stepRegime) {
    const fewStep = endpoint.stepRegime === 'FEW_STEP' ? endpoint : workflow;
    const full = fewStep === endpoint ? workflow : endpoint;
    return `${fewStep.label} is a few-step model and ${full.label} is not`;
  }
  if (sensitivity === 'cfg' && endpoint.guidance !== workflow.guidance) {
    return `${endpoint.label} uses ${guidanceLabel(endpoint)} and ${workflow.label} uses ${guidanceLabel(workflow)}`;
  }
  return null;
}

function guidanceLabel(family: ModelFamily): string {
  if (family.guidance === 'EMBEDDED') return 'distilled guidance';
  if (family.guidance === 'CFG') return 'classifier-free guidance';
  return 'no guidance';
}

function sizeRule(side: 'width' | 'height'): ParameterRule {
  return {
    parameter: side,
    inputs: [side],
    weight: 0.5,
    kind: 'number',
    workflow: (context) => {
      const { sampler, latent } = context;
      if (latent) return latent[side];
      if (!sampler || !sampler.latentNodeId) return null;
      const origin = sampler.latentOrigin === 'IMAGE' ? 'the input image' : 'an earlier step';
      return {
        value: null,
        source: 'RUNTIME',
        nodeId: sampler.latentNodeId,
        via: [],
        staleWidgetValue: null,
        control: null,
        detail: `the latent comes from ${origin} through node #${sampler.latentNodeId}`,
      };
    },
    missing: 'latent size',
  };
}

function faceRule(
  parameter: string,
  inputs: string[],
  method: FaceMethod,
  pick: (face: FaceSummary) => ResolvedValue | null,
  missing: string,
  weight = 1,
): ParameterRule {
  return {
    parameter,
    inputs,
    weight,
    kind: 'number',
    workflow: (context) => {
      const face = activeFaces(context, method)[0];
      return face ? pick(face) : null;
    },
    note: (context) => {
      const faces = activeFaces(context, method);
      if (faces.length < 2) return null;
      const values = faces.map((face) => format(pick(face)?.value ?? null));
      const uniform = new Set(values).size === 1;
      return `The workflow applies it ${faces.length} times (${faces.map((face) => `#${face.nodeId}`).join(', ')})${uniform ? ', all with the same value' : `, with values ${values.join(', ')}`}.`;
    },
    missing,
  };
}

function activeFaces(context: Context, method: FaceMethod): FaceSummary[] {
  return context.summary.faceConsistency.filter((face) => face.active && face.method === method);
}

/**
 * Returns the workflow's distilled guidance when it has one. When the endpoint sets guidance and
 * the workflow's family uses classifier-free guidance instead, the workflow's cfg is the counterpart.
 */
function guidanceValue(context: Context, endpointHasInput: boolean): ResolvedValue | null {
  const { sampler, workflowFamily } = context;
  if (!sampler) return null;
  if (sampler.guidance || !endpointHasInput || workflowFamily?.guidance === 'EMBEDDED') return sampler.guidance;
  return sampler.cfg;
}

function mainLora(context: Context): LoraSummary | null {
  const { sampler, summary } = context;
  const candidates = summary.loras.filter((lora) => lora.active && !lora.accelerator);
  return candidates.find((lora) => !sampler || sampler.loraNodeIds.includes(lora.nodeId)) ?? null;
}

function firstUpscaler(context: Context, pick: (upscaler: UpscalerSummary) => ResolvedValue | null): ResolvedValue | null {
  for (const upscaler of context.summary.upscalers) {
    const value = upscaler.active ? pick(upscaler) : null;
    if (value) return value;
  }
  return null;
}

function extraValue(extra: { name: string; value: ResolvedValue }[], name: string): ResolvedValue | null {
  return extra.find((entry) => entry.name === name)?.value ?? null;
}

function restoreFaceValue(context: Context): ResolvedValue | null {
  const face = activeFaces(context, 'FACE_SWAP')[0];
  const model = face ? extraValue(face.extra, 'face_restore_model') : null;
  if (!model) return null;
  return { ...model, value: model.value !== null && model.value !== 'none', detail: `face_restore_model "${String(model.value)}" (${model.detail})` };
}

function readPurposeSampler(purpose: string): { sampler: string; scheduler: string } | undefined {
  for (const match of purpose.matchAll(/([a-z0-9_]+)\/([a-z0-9_]+)/gi)) {
    const [, sampler, scheduler] = match;
    if (sampler && scheduler && SAMPLER_NAMES.has(sampler.toLowerCase()) && SCHEDULER_NAMES.has(scheduler.toLowerCase())) {
      return { sampler: sampler.toLowerCase(), scheduler: scheduler.toLowerCase() };
    }
  }
  return undefined;
}

function endpointDefault(input: EndpointInput): WorkflowScalar {
  if (!('default' in input) || input.default === undefined) return null;
  const value = input.default;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function describeEndpointValue(input: EndpointInput, value: WorkflowScalar): string {
  if (value === null) return `input "${input.name}" without a default`;
  return `default ${format(value)}`;
}

function sameValue(rule: ParameterRule, a: WorkflowScalar, b: WorkflowScalar): boolean {
  if (a === null || b === null) return a === b;
  if (rule.kind === 'number') {
    const left = Number(a);
    const right = Number(b);
    return Number.isFinite(left) && Number.isFinite(right) && Math.abs(left - right) <= 1e-6 * Math.max(1, Math.abs(left), Math.abs(right));
  }
  if (rule.kind === 'text') return String(a).toLowerCase() === String(b).toLowerCase();
  return a === b;
}

function relativeDifference(rule: ParameterRule, a: WorkflowScalar, b: WorkflowScalar): number {
  if (rule.kind !== 'number') return 1;
  const left = Number(a);
  const right = Number(b);
  const scale = Math.max(Math.abs(left), Math.abs(right));
  if (!Number.isFinite(left) || !Number.isFinite(right) || scale === 0) return 1;
  return Math.min(1, Math.abs(left - right) / scale);
}

/** Shows numbers without float noise: 3.0000000000000004 reads as 3. */
function format(value: WorkflowScalar): string {
  if (typeof value === 'number') return String(Number(value.toPrecision(6)));
  if (value === null) return 'none';
  return String(value);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function summarize(model: ModelAlignment, parameters: ParameterAlignment[], gaps: ParameterAlignment[]): string {
  const same = parameters.filter((parameter) => parameter.status === 'SAME').length;
  const explained = parameters.filter((parameter) => parameter.explainedByModel).length;
  const modelPart = model.same
    ? `Same model (${model.workflowFamily?.label ?? 'unknown'})`
    : `Model differs (endpoint ${model.endpointFamily?.label ?? 'unknown'}, workflow ${model.workflowFamily?.label ?? 'unknown'})`;
  const gapPart = gaps.length === 0 ? 'no parameter gaps' : `${gaps.length} gap${gaps.length === 1 ? '' : 's'}: ${gaps.map((gap) => gap.parameter).join(', ')}`;
  const explainedPart = explained > 0 ? `; ${explained} difference${explained === 1 ? '' : 's'} explained by the model` : '';
  return `${modelPart}; ${same} same, ${gapPart}${explainedPart}.`;
}
