/**
 * Public types of the workflow module: the summary extracted from one ComfyUI workflow and the
 * alignment of an endpoint against it. Every field is plain data (no Maps, no bigint), so the
 * GraphQL layer can map it directly.
 */

/**
 * Origin of an effective value.
 * - `WIDGET`: typed into a widget of the node named by `nodeId`.
 * - `LINK`: the consumer's widget is converted to an input and the value arrives through a link
 *   from a primitive or value node (possibly via Reroute, Get/Set or bypassed nodes).
 * - `RUNTIME`: only known when the graph runs: a node computes it, or a seed widget set to
 *   "randomize"/"increment"/"decrement" changes it on every run.
 * - `IMPLIED`: fixed by the node's semantics rather than a widget, e.g. `BasicGuider` runs
 *   without classifier-free guidance (cfg 1), and ComfyUI's Flux model applies guidance 3.5 when
 *   no `FluxGuidance` node sets it.
 */
export type ValueSource = 'WIDGET' | 'LINK' | 'RUNTIME' | 'IMPLIED';

/** A widget value. Integers beyond ±(2^53 − 1), and every seed, are decimal strings. */
export type WorkflowScalar = string | number | boolean | null;

/** Seed widget behaviour after each run ("control_after_generate"). */
export type SeedControl = 'fixed' | 'randomize' | 'increment' | 'decrement';

/** One effective parameter value with its origin. */
export interface ResolvedValue {
  /** The value, or null when it is only known at run time. */
  value: WorkflowScalar;
  source: ValueSource;
  /** Execution id of the node that supplies the value (the widget owner or the computing node). */
  nodeId: string;
  /** Execution ids of the nodes passed on the way (Reroute, Get/Set, bypassed nodes, subgraph instances). */
  via: string[];
  /** The consumer's own widget value when a link overrides it: a stale leftover, never effective. */
  staleWidgetValue: WorkflowScalar | null;
  /** For seeds: the control mode that applies, or null when the file stores none. */
  control: SeedControl | null;
  /** One line for people, e.g. `PrimitiveNode #230 "Seed" (randomize)`. */
  detail: string;
}

/** Node mode: 0 runs, 2 is muted ("never"), 4 is bypassed. Modes 1 and 3 run as well. */
export type NodeMode = 'ACTIVE' | 'MUTED' | 'BYPASSED';

/** One step of the path from the root graph to a node inside subgraphs or group nodes. */
export interface SubgraphStep {
  /** Execution id of the subgraph instance or group node. */
  instanceId: string;
  /** Subgraph name, or the group node type such as `workflow>Sampler`. */
  name: string;
  kind: 'SUBGRAPH' | 'GROUP_NODE';
}

/** A node of the flattened graph. */
export interface NodeSummary {
  /** Execution id: the node id, prefixed by the ids of the containing instances (`12:5`). */
  id: string;
  type: string;
  /** The title shown in the editor when it differs from the type, otherwise null. */
  title: string | null;
  /** Effective mode: a muted or bypassed instance passes its mode to the nodes inside it. */
  mode: NodeMode;
  subgraphPath: SubgraphStep[];
  /** Whether the widget layout table covers this node type. */
  known: boolean;
}

/** Count of one node type. */
export interface NodeTypeCount {
  type: string;
  count: number;
  known: boolean;
}

export type ModelKind =
  | 'CHECKPOINT'
  | 'UNET'
  | 'CLIP'
  | 'VAE'
  | 'LORA'
  | 'CLIP_VISION'
  | 'CONTROLNET'
  | 'UPSCALE'
  | 'IPADAPTER'
  | 'INSTANTID'
  | 'PULID'
  | 'FACE_RESTORE'
  | 'FACE_SWAP'
  | 'MOTION'
  | 'PIPELINE';

/** A model file (or built-in pipeline) that a node loads. */
export interface ModelRef {
  nodeId: string;
  nodeType: string;
  kind: ModelKind;
  /** File name as written in the workflow, or the pipeline id for all-in-one nodes. */
  name: string;
  /** False when the loading node is muted or bypassed. */
  active: boolean;
}

export type SamplerKind =
  | 'KSAMPLER'
  | 'KSAMPLER_ADVANCED'
  | 'SAMPLER_CUSTOM'
  | 'SAMPLER_CUSTOM_ADVANCED'
  | 'WRAPPER';

/** Kind of node that produces the sampler's latent. */
export type LatentOrigin = 'EMPTY' | 'UPSCALED' | 'IMAGE' | 'SAMPLER' | 'OTHER';

/** One sampling node with its effective settings. */
export interface SamplerSummary {
  nodeId: string;
  nodeType: string;
  title: string | null;
  kind: SamplerKind;
  /** False when the node is muted or bypassed: listed, but kept out of effective values. */
  active: boolean;
  seed: ResolvedValue | null;
  steps: ResolvedValue | null;
  cfg: ResolvedValue | null;
  /** Distilled guidance (`FluxGuidance`) on the positive conditioning, when present or implied. */
  guidance: ResolvedValue | null;
  samplerName: ResolvedValue | null;
  scheduler: ResolvedValue | null;
  denoise: ResolvedValue | null;
  startAtStep: ResolvedValue | null;
  endAtStep: ResolvedValue | null;
  /** For `SamplerCustomAdvanced`: the nodes that supply noise, guider, sampler and sigmas. */
  parts: { role: 'NOISE' | 'GUIDER' | 'SAMPLER' | 'SIGMAS' | 'SETTINGS'; nodeId: string; nodeType: string }[];
  /** The node feeding the latent input (an entry of `latents` when it fixes the size), or the sampler itself for all-in-one nodes. */
  latentNodeId: string | null;
  latentOrigin: LatentOrigin | null;
  /** Execution ids of model loaders upstream of this sampler. */
  modelNodeIds: string[];
  /** Execution ids of LoRA loaders upstream of this sampler. */
  loraNodeIds: string[];
  /** Other settings worth showing (shift, add_noise, timestep_to_start_cfg...). */
  extra: NamedValue[];
}

/** A named value, for settings without a field of their own. */
export interface NamedValue {
  name: string;
  value: ResolvedValue;
}

export type LoraInactiveReason = 'MUTED' | 'BYPASSED' | 'ZERO_STRENGTH' | 'NOT_CONNECTED' | 'EMPTY_NAME';

/** One LoRA loader. */
export interface LoraSummary {
  nodeId: string;
  nodeType: string;
  title: string | null;
  name: ResolvedValue | null;
  strengthModel: ResolvedValue | null;
  strengthClip: ResolvedValue | null;
  active: boolean;
  inactiveReason: LoraInactiveReason | null;
  /** True for step-distillation LoRAs (Lightning, LightX2V, Hyper, LCM...), which change the step count. */
  accelerator: boolean;
}

/** A node that fixes the latent size (or the size an all-in-one node renders at). */
export interface LatentSummary {
  nodeId: string;
  nodeType: string;
  active: boolean;
  width: ResolvedValue | null;
  height: ResolvedValue | null;
  batchSize: ResolvedValue | null;
  /** Frame count for video latents. */
  length: ResolvedValue | null;
  /** Rule input when the node computes width and height from other widgets, e.g. "4:3 landscape, short side 896". */
  derivation: string | null;
}

export type FaceMethod = 'INSTANTID' | 'PULID' | 'IPADAPTER' | 'FACE_SWAP';

/** A face-consistency node and its weights. */
export interface FaceSummary {
  nodeId: string;
  nodeType: string;
  method: FaceMethod;
  active: boolean;
  weight: ResolvedValue | null;
  startAt: ResolvedValue | null;
  endAt: ResolvedValue | null;
  extra: NamedValue[];
}

/** An upscaler (model-based, diffusion-based or plain resize). */
export interface UpscalerSummary {
  nodeId: string;
  nodeType: string;
  active: boolean;
  model: ResolvedValue | null;
  /** Target short side in pixels, for upscalers that take one. */
  resolution: ResolvedValue | null;
  scaleBy: ResolvedValue | null;
  seed: ResolvedValue | null;
  extra: NamedValue[];
}

/** A node that writes a video and its frame rate. */
export interface VideoOutputSummary {
  nodeId: string;
  nodeType: string;
  active: boolean;
  fps: ResolvedValue | null;
}

export type WorkflowWarningCode =
  | 'UNKNOWN_NODE_TYPE'
  | 'UNKNOWN_WIDGET_LAYOUT'
  | 'MISSING_WIDGET_VALUES'
  | 'DANGLING_LINK'
  | 'LINK_TO_INACTIVE_NODE'
  | 'UNMATCHED_GET_NODE'
  | 'BYPASS_WITHOUT_MATCHING_INPUT'
  | 'LINK_CYCLE'
  | 'SUBGRAPH_DEFINITION_MISSING'
  | 'SUBGRAPH_WIDGET_VALUES_MISMATCH'
  | 'GROUP_NODE_DEFINITION_MISSING'
  | 'GROUP_NODE_WIDGET_VALUES_MISMATCH'
  | 'EMBEDDED_PROMPT_IGNORED'
  | 'SAMPLER_PART_UNKNOWN';

/** Something the parser could not read or chose to ignore. */
export interface WorkflowWarning {
  code: WorkflowWarningCode;
  message: string;
  nodeId: string | null;
  nodeType: string | null;
}

/** Everything extracted from one workflow file. */
export interface WorkflowSummary {
  available: true;
  /** Repository slug, or null when the summary was parsed from text directly. */
  slug: string | null;
  /** `UI` for the editor's graph format, `API` for the prompt format `{id: {class_type, inputs}}`. */
  format: 'UI' | 'API';
  /** The graph format version (`0.4`, `1`), or null for the API format. */
  formatVersion: string | null;
  nodeTypes: NodeTypeCount[];
  nodes: NodeSummary[];
  models: ModelRef[];
  samplers: SamplerSummary[];
  /** The sampler that generates from noise first, which alignment compares against. */
  primarySamplerId: string | null;
  loras: LoraSummary[];
  latents: LatentSummary[];
  faceConsistency: FaceSummary[];
  upscalers: UpscalerSummary[];
  videoOutputs: VideoOutputSummary[];
  mutedNodeIds: string[];
  bypassedNodeIds: string[];
  warnings: WorkflowWarning[];
}

export type WorkflowUnavailableCode = 'INVALID_SLUG' | 'NOT_FOUND' | 'READ_FAILED' | 'INVALID_JSON' | 'UNRECOGNISED_FORMAT';

/** Lookup result for a workflow that cannot be read. */
export interface WorkflowUnavailable {
  available: false;
  slug: string;
  code: WorkflowUnavailableCode;
  reason: string;
}

/** Result of a repository lookup. */
export type WorkflowLookup = WorkflowSummary | WorkflowUnavailable;

/** One workflow file found in the repository directory. */
export interface WorkflowListing {
  slug: string;
  /** Title from the RunComfy catalog file, or null when no catalog is given or it lacks the slug. */
  title: string | null;
  category: string | null;
  file: string;
}

/** Comparison outcome for one parameter. */
export type ParameterStatus = 'SAME' | 'DIFFERENT' | 'ONLY_ENDPOINT' | 'ONLY_WORKFLOW' | 'RUNTIME';

/** One parameter compared between an endpoint and a workflow. */
export interface ParameterAlignment {
  /** Canonical parameter name, e.g. `steps`, `guidance`, `pulid_weight`. */
  parameter: string;
  /** The endpoint input it comes from, or null when the value comes from the endpoint's purpose text. */
  endpointInput: string | null;
  endpointValue: WorkflowScalar;
  workflowValue: WorkflowScalar;
  /** Origin of the workflow value, or null when the workflow has no such parameter. */
  workflowSource: ResolvedValue | null;
  status: ParameterStatus;
  /** True when the model difference accounts for a DIFFERENT status, so it is not counted as a gap. */
  explainedByModel: boolean;
  /** Contribution to the alignment distance. */
  distance: number;
  verdict: string;
}

/** A model family, derived from names by a small pattern table. */
export interface ModelFamily {
  id: string;
  label: string;
  /** FEW_STEP for distilled models (Schnell, Turbo, Lightning, LightX2V...), FULL otherwise. */
  stepRegime: 'FEW_STEP' | 'FULL';
  /** EMBEDDED for guidance-distilled models (Flux), CFG for classifier-free guidance, NONE when not applicable. */
  guidance: 'EMBEDDED' | 'CFG' | 'NONE';
}

/** Model comparison between an endpoint and a workflow. */
export interface ModelAlignment {
  endpointFamily: ModelFamily | null;
  workflowFamily: ModelFamily | null;
  /** The model names the workflow family was derived from. */
  workflowModels: string[];
  same: boolean;
  verdict: string;
}

/** The alignment of one endpoint-to-workflow mapping. */
export interface Alignment {
  endpoint: string;
  workflow: string | null;
  relation: string;
  status: 'COMPARED' | 'NO_WORKFLOW';
  model: ModelAlignment | null;
  /** Sampler compared against, or null. */
  samplerId: string | null;
  parameters: ParameterAlignment[];
  /** Sum of the parameter distances plus a model penalty; null for NO_WORKFLOW. */
  distance: number | null;
  /** Number of DIFFERENT, ONLY_ENDPOINT and ONLY_WORKFLOW parameters not explained by the model. */
  gapCount: number;
  summary: string;
}
