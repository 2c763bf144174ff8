/**
 * The table of ComfyUI node types this module understands: widget layouts and what each node
 * contributes (sampler settings, models, LoRAs, sizes, face weights).
 *
 * The editor stores widget values by position (`widgets_values: [...]`), and the positions
 * follow the node's Python `INPUT_TYPES` order of widget inputs, with a `control_after_generate`
 * companion right after each seed. Layouts come from the node sources named beside each entry
 * and from the real files they were checked against. When a node changed its widgets between
 * versions, each version is listed. The parser picks the one whose length and value kinds fit,
 * and reports an unknown layout when none fits rather than guessing.
 */
import type { FaceMethod, LatentOrigin, ModelKind, SamplerKind } from './types.js';

/** Kind of value a widget slot accepts when matching a layout. */
export type WidgetKind = 'int' | 'number' | 'string' | 'bool' | 'control' | 'any';

export interface WidgetSpec {
  name: string;
  kind: WidgetKind;
}

/** Settings a sampler exposes, mapped to the widget names of one node type. */
export type SamplerField =
  | 'seed'
  | 'steps'
  | 'cfg'
  | 'guidance'
  | 'samplerName'
  | 'scheduler'
  | 'denoise'
  | 'startAtStep'
  | 'endAtStep';

export type PartRole = 'NOISE' | 'GUIDER' | 'SAMPLER' | 'SIGMAS' | 'SETTINGS';

export interface SamplerRole {
  role: 'SAMPLER';
  kind: SamplerKind;
  fields: Partial<Record<SamplerField, string>>;
  /** Input carrying the latent (or the embeds that fix the video size). */
  latentInput?: string;
  /** Input carrying the positive conditioning, searched upstream for `FluxGuidance`. */
  positiveInput?: string;
  /** Inputs that bring settings from other nodes. */
  partInputs?: Partial<Record<PartRole, string>>;
  extra?: string[];
  /** True when the node renders at its own width/height widgets (all-in-one pipelines). */
  sizeFromOwnWidgets?: boolean;
}

/** A node that supplies settings to a sampler through a link (noise, guider, sigmas...). */
export interface PartRoleSpec {
  role: 'PART';
  part: PartRole;
  fields: Partial<Record<SamplerField, string>>;
  /** A value fixed by the node itself, e.g. `BasicGuider` has cfg 1 and `KarrasScheduler` is "karras". */
  implied?: Partial<Record<SamplerField, string | number>>;
  positiveInput?: string;
  /** Settings nodes that also fix the render size. */
  sizeFromOwnWidgets?: boolean;
  /** For `DisableNoise`: the sampler runs without added noise, so no seed applies. */
  noNoise?: boolean;
}

export interface ModelLoaderRole {
  role: 'MODEL_LOADER';
  models: { widget: string; kind: ModelKind }[];
}

/** A node that sets distilled guidance on the conditioning passing through it. */
export interface GuidanceRole {
  role: 'GUIDANCE';
  widget: string;
}

/** A node whose model is built in rather than loaded from a file widget. */
export interface PipelineRole {
  role: 'PIPELINE';
  pipeline: string;
}

export interface LoraRole {
  role: 'LORA';
  name: string;
  strengthModel: string;
  strengthClip?: string;
  /** For nodes that apply a LoRA only when the name widget is non-empty. */
  optional?: boolean;
}

export type SizeRule = 'CR_SDXL_ASPECT_RATIO' | 'WLSH_RATIO';

export interface LatentRole {
  role: 'LATENT';
  origin: LatentOrigin;
  width?: string;
  height?: string;
  batchSize?: string;
  length?: string;
  /** Nodes whose width and height follow from other widgets. */
  sizeRule?: SizeRule;
  extra?: string[];
}

export interface FaceRole {
  role: 'FACE';
  method: FaceMethod;
  weight?: string;
  startAt?: string;
  endAt?: string;
  extra?: string[];
  /** Widget that switches the node off when false (ReActor's `enabled`). */
  enabledWidget?: string;
}

export interface UpscalerRole {
  role: 'UPSCALER';
  model?: string;
  /** Input linked to an upscale model loader, when the model is not a widget. */
  modelInput?: string;
  resolution?: string;
  scaleBy?: string;
  seed?: string;
  extra?: string[];
}

export interface VideoOutputRole {
  role: 'VIDEO_OUTPUT';
  fps: string;
}

/** A node whose outputs are its own widget values (primitives, constants, seed nodes). */
export interface ValueRole {
  role: 'VALUE';
  /** Widget name per output slot. */
  outputs: string[];
}

/** A node whose outputs follow from its widgets by a rule in size-rules.ts. */
export interface ComputedValueRole {
  role: 'COMPUTED_VALUE';
  rule: SizeRule;
  /** Output slot per computed quantity. */
  outputs: Partial<Record<'width' | 'height' | 'batchSize' | 'upscaleFactor', number>>;
}

/** Frontend-only nodes that forward a link. */
export interface VirtualRole {
  role: 'REROUTE' | 'SET' | 'GET';
}

/** Known node types with nothing to extract. */
export interface PassiveRole {
  role: 'PASSIVE';
}

export type NodeRole =
  | SamplerRole
  | PartRoleSpec
  | GuidanceRole
  | ModelLoaderRole
  | PipelineRole
  | LoraRole
  | LatentRole
  | FaceRole
  | UpscalerRole
  | VideoOutputRole
  | ValueRole
  | ComputedValueRole
  | VirtualRole
  | PassiveRole;

export interface NodeTypeSpec {
  type: string;
  /** Widget layouts across versions, newest first. An empty list means the node has no widgets. */
  layouts: WidgetSpec[][];
  /** True for nodes that store `widgets_values` as an object keyed by widget name (Video Helper Suite). */
  namedValues?: boolean;
  roles: NodeRole[];
}

const CONTROL = 'control_after_generate:control';

function layout(...widgets: string[]): WidgetSpec[] {
  return widgets.map((entry) => {
    const [name, kind] = entry.split(':') as [string, WidgetKind];
    return { name, kind };
  });
}

const KSAMPLER_FIELDS = {
  seed: 'seed',
  steps: 'steps',
  cfg: 'cfg',
  samplerName: 'sampler_name',
  scheduler: 'scheduler',
  denoise: 'denoise',
} as const;

const SPECS: NodeTypeSpec[] = [
  // ComfyUI nodes.py. The control slot is missing in files written by tools that drop it.
  {
    type: 'KSampler',
    layouts: [
      layout('seed:int', CONTROL, 'steps:int', 'cfg:number', 'sampler_name:string', 'scheduler:string', 'denoise:number'),
      layout('seed:int', 'steps:int', 'cfg:number', 'sampler_name:string', 'scheduler:string', 'denoise:number'),
    ],
    roles: [
      { role: 'SAMPLER', kind: 'KSAMPLER', fields: KSAMPLER_FIELDS, latentInput: 'latent_image', positiveInput: 'positive' },
    ],
  },
  {
    type: 'KSamplerAdvanced',
    layouts: [
      layout(
        'add_noise:string',
        'noise_seed:int',
        CONTROL,
        'steps:int',
        'cfg:number',
        'sampler_name:string',
        'scheduler:string',
        'start_at_step:int',
        'end_at_step:int',
        'return_with_leftover_noise:string',
      ),
      layout(
        'add_noise:string',
        'noise_seed:int',
        'steps:int',
        'cfg:number',
        'sampler_name:string',
        'scheduler:string',
        'start_at_step:int',
        'end_at_step:int',
        'return_with_leftover_noise:string',
      ),
    ],
    roles: [
      {
        role: 'SAMPLER',
        kind: 'KSAMPLER_ADVANCED',
        fields: {
          seed: 'noise_seed',
          steps: 'steps',
          cfg: 'cfg',
          samplerName: 'sampler_name',
          scheduler: 'scheduler',
          startAtStep: 'start_at_step',
          endAtStep: 'end_at_step',
        },
        latentInput: 'latent_image',
        positiveInput: 'positive',
        extra: ['add_noise', 'return_with_leftover_noise'],
      },
    ],
  },
  // comfy_extras/nodes_custom_sampler.py
  {
    type: 'SamplerCustom',
    layouts: [layout('add_noise:bool', 'noise_seed:int', CONTROL, 'cfg:number')],
    roles: [
      {
        role: 'SAMPLER',
        kind: 'SAMPLER_CUSTOM',
        fields: { seed: 'noise_seed', cfg: 'cfg' },
        latentInput: 'latent_image',
        positiveInput: 'positive',
        partInputs: { SAMPLER: 'sampler', SIGMAS: 'sigmas' },
        extra: ['add_noise'],
      },
    ],
  },
  {
    type: 'SamplerCustomAdvanced',
    layouts: [],
    roles: [
      {
        role: 'SAMPLER',
        kind: 'SAMPLER_CUSTOM_ADVANCED',
        fields: {},
        latentInput: 'latent_image',
        partInputs: { NOISE: 'noise', GUIDER: 'guider', SAMPLER: 'sampler', SIGMAS: 'sigmas' },
      },
    ],
  },
  {
    type: 'RandomNoise',
    layouts: [layout('noise_seed:int', CONTROL), layout('noise_seed:int')],
    roles: [{ role: 'PART', part: 'NOISE', fields: { seed: 'noise_seed' } }],
  },
  { type: 'DisableNoise', layouts: [], roles: [{ role: 'PART', part: 'NOISE', fields: {}, noNoise: true }] },
  {
    type: 'BasicGuider',
    layouts: [],
    roles: [{ role: 'PART', part: 'GUIDER', fields: {}, implied: { cfg: 1 }, positiveInput: 'conditioning' }],
  },
  {
    type: 'CFGGuider',
    layouts: [layout('cfg:number')],
    roles: [{ role: 'PART', part: 'GUIDER', fields: { cfg: 'cfg' }, positiveInput: 'positive' }],
  },
  {
    type: 'DualCFGGuider',
    layouts: [
      layout('cfg_conds:number', 'cfg_cond2_negative:number', 'style:string'),
      layout('cfg_conds:number', 'cfg_cond2_negative:number'),
    ],
    roles: [{ role: 'PART', part: 'GUIDER', fields: { cfg: 'cfg_conds' }, positiveInput: 'cond1' }],
  },
  {
    type: 'KSamplerSelect',
    layouts: [layout('sampler_name:string')],
    roles: [{ role: 'PART', part: 'SAMPLER', fields: { samplerName: 'sampler_name' } }],
  },
  {
    type: 'BasicScheduler',
    layouts: [layout('scheduler:string', 'steps:int', 'denoise:number')],
    roles: [{ role: 'PART', part: 'SIGMAS', fields: { scheduler: 'scheduler', steps: 'steps', denoise: 'denoise' } }],
  },
  {
    type: 'Flux2Scheduler',
    layouts: [layout('steps:int', 'width:int', 'height:int')],
    roles: [{ role: 'PART', part: 'SIGMAS', fields: { steps: 'steps' }, implied: { scheduler: 'flux2' } }],
  },
  {
    type: 'SDTurboScheduler',
    layouts: [layout('steps:int', 'denoise:number')],
    roles: [
      { role: 'PART', part: 'SIGMAS', fields: { steps: 'steps', denoise: 'denoise' }, implied: { scheduler: 'sd_turbo' } },
    ],
  },
  {
    type: 'KarrasScheduler',
    layouts: [layout('steps:int', 'sigma_max:number', 'sigma_min:number', 'rho:number')],
    roles: [{ role: 'PART', part: 'SIGMAS', fields: { steps: 'steps' }, implied: { scheduler: 'karras' } }],
  },
  {
    type: 'ExponentialScheduler',
    layouts: [layout('steps:int', 'sigma_max:number', 'sigma_min:number')],
    roles: [{ role: 'PART', part: 'SIGMAS', fields: { steps: 'steps' }, implied: { scheduler: 'exponential' } }],
  },
  {
    type: 'AlignYourStepsScheduler',
    layouts: [layout('model_type:string', 'steps:int', 'denoise:number')],
    roles: [
      {
        role: 'PART',
        part: 'SIGMAS',
        fields: { steps: 'steps', denoise: 'denoise' },
        implied: { scheduler: 'align_your_steps' },
      },
    ],
  },
  {
    type: 'BetaSamplingScheduler',
    layouts: [layout('steps:int', 'alpha:number', 'beta:number')],
    roles: [{ role: 'PART', part: 'SIGMAS', fields: { steps: 'steps' }, implied: { scheduler: 'beta' } }],
  },
  // XLabs x-flux-comfyui nodes.py: the older release lacks the last two widgets.
  {
    type: 'XlabsSampler',
    layouts: [
      layout(
        'noise_seed:int',
        CONTROL,
        'steps:int',
        'timestep_to_start_cfg:int',
        'true_gs:number',
        'image_to_image_strength:number',
        'denoise_strength:number',
      ),
      layout('noise_seed:int', CONTROL, 'steps:int', 'timestep_to_start_cfg:int', 'true_gs:number'),
    ],
    roles: [
      {
        role: 'SAMPLER',
        kind: 'WRAPPER',
        fields: { seed: 'noise_seed', steps: 'steps', cfg: 'true_gs', denoise: 'denoise_strength' },
        latentInput: 'latent_image',
        positiveInput: 'conditioning',
        extra: ['timestep_to_start_cfg', 'image_to_image_strength'],
      },
    ],
  },
  // kijai ComfyUI-WanVideoWrapper nodes.py: required steps..riflex_freq_index, then the optional
  // denoise_strength, batched_cfg and rope_function widgets (absent in older releases). Its
  // "scheduler" widget names the solver (unipc, dpm++, euler), so it maps to the sampler name.
  {
    type: 'WanVideoSampler',
    layouts: [
      layout(
        'steps:int',
        'cfg:number',
        'shift:number',
        'seed:int',
        CONTROL,
        'force_offload:bool',
        'scheduler:string',
        'riflex_freq_index:int',
        'denoise_strength:number',
        'batched_cfg:bool',
        'rope_function:string',
      ),
      layout(
        'steps:int',
        'cfg:number',
        'shift:number',
        'seed:int',
        CONTROL,
        'force_offload:bool',
        'scheduler:string',
        'riflex_freq_index:int',
        'denoise_strength:number',
      ),
    ],
    roles: [
      {
        role: 'SAMPLER',
        kind: 'WRAPPER',
        fields: { steps: 'steps', cfg: 'cfg', seed: 'seed', samplerName: 'scheduler', denoise: 'denoise_strength' },
        latentInput: 'image_embeds',
        positiveInput: 'text_embeds',
        extra: ['shift'],
      },
    ],
  },
  // kijai ComfyUI-FluxTrainer: validation sampling settings reach FluxTrainValidate by a link.
  {
    type: 'FluxTrainValidate',
    layouts: [],
    roles: [{ role: 'SAMPLER', kind: 'WRAPPER', fields: {}, partInputs: { SETTINGS: 'validation_settings' } }],
  },
  {
    type: 'FluxTrainValidationSettings',
    layouts: [
      layout(
        'steps:int',
        'width:int',
        'height:int',
        'guidance_scale:number',
        'seed:int',
        CONTROL,
        'shift:bool',
        'base_shift:number',
        'max_shift:number',
      ),
    ],
    roles: [
      {
        role: 'PART',
        part: 'SETTINGS',
        fields: { steps: 'steps', guidance: 'guidance_scale', seed: 'seed' },
        sizeFromOwnWidgets: true,
      },
      { role: 'LATENT', origin: 'EMPTY', width: 'width', height: 'height' },
    ],
  },
  // Flux's distilled guidance rides on the conditioning, so it is found by searching upstream of
  // the sampler's positive input.
  { type: 'FluxGuidance', layouts: [layout('guidance:number')], roles: [{ role: 'GUIDANCE', widget: 'guidance' }] },

  // Model loaders (ComfyUI nodes.py unless noted). CLIP loaders gained a `device` widget.
  { type: 'CheckpointLoaderSimple', layouts: [layout('ckpt_name:string')], roles: [loader(['ckpt_name', 'CHECKPOINT'])] },
  // ComfyUI-AnimateDiff-Evolved
  {
    type: 'CheckpointLoaderSimpleWithNoiseSelect',
    layouts: [layout('ckpt_name:string', 'beta_schedule:string', 'use_custom_scale_factor:bool', 'scale_factor:number')],
    roles: [loader(['ckpt_name', 'CHECKPOINT'])],
  },
  { type: 'UNETLoader', layouts: [layout('unet_name:string', 'weight_dtype:string')], roles: [loader(['unet_name', 'UNET'])] },
  // city96 ComfyUI-GGUF
  { type: 'UnetLoaderGGUF', layouts: [layout('unet_name:string')], roles: [loader(['unet_name', 'UNET'])] },
  {
    type: 'DualCLIPLoader',
    layouts: [
      layout('clip_name1:string', 'clip_name2:string', 'type:string', 'device:string'),
      layout('clip_name1:string', 'clip_name2:string', 'type:string'),
    ],
    roles: [loader(['clip_name1', 'CLIP'], ['clip_name2', 'CLIP'])],
  },
  {
    type: 'CLIPLoader',
    layouts: [layout('clip_name:string', 'type:string', 'device:string'), layout('clip_name:string', 'type:string')],
    roles: [loader(['clip_name', 'CLIP'])],
  },
  {
    type: 'TripleCLIPLoader',
    layouts: [layout('clip_name1:string', 'clip_name2:string', 'clip_name3:string')],
    roles: [loader(['clip_name1', 'CLIP'], ['clip_name2', 'CLIP'], ['clip_name3', 'CLIP'])],
  },
  { type: 'VAELoader', layouts: [layout('vae_name:string')], roles: [loader(['vae_name', 'VAE'])] },
  { type: 'CLIPVisionLoader', layouts: [layout('clip_name:string')], roles: [loader(['clip_name', 'CLIP_VISION'])] },
  { type: 'ControlNetLoader', layouts: [layout('control_net_name:string')], roles: [loader(['control_net_name', 'CONTROLNET'])] },
  { type: 'UpscaleModelLoader', layouts: [layout('model_name:string')], roles: [loader(['model_name', 'UPSCALE'])] },
  // cubiq ComfyUI_InstantID, PuLID_ComfyUI, ComfyUI_IPAdapter_plus; balazik ComfyUI-PuLID-Flux
  { type: 'InstantIDModelLoader', layouts: [layout('instantid_file:string')], roles: [loader(['instantid_file', 'INSTANTID'])] },
  { type: 'PulidModelLoader', layouts: [layout('pulid_file:string')], roles: [loader(['pulid_file', 'PULID'])] },
  { type: 'PulidFluxModelLoader', layouts: [layout('pulid_file:string')], roles: [loader(['pulid_file', 'PULID'])] },
  { type: 'IPAdapterModelLoader', layouts: [layout('ipadapter_file:string')], roles: [loader(['ipadapter_file', 'IPADAPTER'])] },
  // ComfyUI-facerestore-cf
  { type: 'FaceRestoreModelLoader', layouts: [layout('model_name:string')], roles: [loader(['model_name', 'FACE_RESTORE'])] },
  {
    type: 'ADE_AnimateDiffLoaderWithContext',
    layouts: [layout('model_name:string', 'beta_schedule:string', 'motion_scale:number', 'apply_v2_models_properly:bool')],
    roles: [loader(['model_name', 'MOTION'])],
  },
  // kijai ComfyUI-WanVideoWrapper
  {
    type: 'WanVideoModelLoader',
    layouts: [
      layout('model:string', 'base_precision:string', 'quantization:string', 'load_device:string', 'attention_mode:string'),
    ],
    roles: [loader(['model', 'UNET'])],
  },
  {
    type: 'WanVideoVAELoader',
    layouts: [layout('model_name:string', 'precision:string')],
    roles: [loader(['model_name', 'VAE'])],
  },
  {
    type: 'LoadWanVideoT5TextEncoder',
    layouts: [layout('model_name:string', 'precision:string', 'load_device:string', 'quantization:string')],
    roles: [loader(['model_name', 'CLIP'])],
  },
  {
    type: 'LoadWanVideoClipTextEncoder',
    layouts: [layout('model_name:string', 'precision:string', 'load_device:string')],
    roles: [loader(['model_name', 'CLIP_VISION'])],
  },
  // kijai ComfyUI-FluxTrainer
  {
    type: 'FluxTrainModelSelect',
    layouts: [layout('transformer:string', 'vae:string', 'clip_l:string', 't5:string')],
    roles: [loader(['transformer', 'UNET'], ['vae', 'VAE'], ['clip_l', 'CLIP'], ['t5', 'CLIP'])],
  },

  // LoRA loaders
  {
    type: 'LoraLoader',
    layouts: [layout('lora_name:string', 'strength_model:number', 'strength_clip:number')],
    roles: [{ role: 'LORA', name: 'lora_name', strengthModel: 'strength_model', strengthClip: 'strength_clip' }],
  },
  {
    type: 'LoraLoaderModelOnly',
    layouts: [layout('lora_name:string', 'strength_model:number')],
    roles: [{ role: 'LORA', name: 'lora_name', strengthModel: 'strength_model' }],
  },
  {
    type: 'WanVideoLoraSelect',
    layouts: [layout('lora:string', 'strength:number', 'low_mem_load:bool')],
    roles: [{ role: 'LORA', name: 'lora', strengthModel: 'strength' }],
  },

  // Latent sizes (ComfyUI nodes.py, comfy_extras/nodes_hunyuan.py, nodes_wan.py, nodes_lt.py, nodes_mochi.py)
  emptyLatent('EmptyLatentImage'),
  emptyLatent('EmptySD3LatentImage'),
  emptyLatent('EmptyFlux2LatentImage'),
  videoLatent('EmptyHunyuanLatentVideo'),
  videoLatent('EmptyLTXVLatentVideo'),
  videoLatent('EmptyMochiLatentVideo'),
  videoLatent('WanImageToVideo'),
  videoLatent('Wan22ImageToVideoLatent'),
  videoLatent('WanFirstLastFrameToVideo'),
  {
    type: 'WanVaceToVideo',
    layouts: [layout('width:int', 'height:int', 'length:int', 'batch_size:int', 'strength:number')],
    roles: [
      { role: 'LATENT', origin: 'EMPTY', width: 'width', height: 'height', length: 'length', batchSize: 'batch_size' },
    ],
  },
  {
    type: 'LatentUpscale',
    layouts: [layout('upscale_method:string', 'width:int', 'height:int', 'crop:string')],
    roles: [{ role: 'LATENT', origin: 'UPSCALED', width: 'width', height: 'height' }],
  },
  {
    type: 'LatentUpscaleBy',
    layouts: [layout('upscale_method:string', 'scale_by:number')],
    roles: [{ role: 'LATENT', origin: 'UPSCALED', extra: ['scale_by'] }],
  },
  // wallish77 wlsh_nodes: width = int(shortside * x / y) rounded up to a multiple of 64.
  {
    type: 'Empty Latent by Ratio (WLSH)',
    layouts: [layout('aspect:string', 'direction:string', 'shortside:int', 'batch_size:int')],
    roles: [
      { role: 'LATENT', origin: 'EMPTY', batchSize: 'batch_size', sizeRule: 'WLSH_RATIO' },
      { role: 'COMPUTED_VALUE', rule: 'WLSH_RATIO', outputs: { width: 1, height: 2 } },
    ],
  },
  // Suzie1 ComfyUI_Comfyroll_CustomNodes: a preset label "3:4 portrait 896x1152" overrides
  // width/height unless it is "custom"; swap_dimensions "On" swaps them.
  {
    type: 'CR SDXL Aspect Ratio',
    layouts: [
      layout(
        'width:int',
        'height:int',
        'aspect_ratio:string',
        'swap_dimensions:string',
        'upscale_factor:number',
        'batch_size:int',
      ),
    ],
    roles: [
      { role: 'LATENT', origin: 'EMPTY', batchSize: 'batch_size', sizeRule: 'CR_SDXL_ASPECT_RATIO' },
      {
        role: 'COMPUTED_VALUE',
        rule: 'CR_SDXL_ASPECT_RATIO',
        outputs: { width: 0, height: 1, upscaleFactor: 2, batchSize: 3 },
      },
    ],
  },
  {
    type: 'WanVideoImageToVideoEncode',
    layouts: [
      layout(
        'width:int',
        'height:int',
        'num_frames:int',
        'noise_aug_strength:number',
        'start_latent_strength:number',
        'end_latent_strength:number',
        'force_offload:bool',
        'fun_or_fl2v_model:bool',
        'tiled_vae:bool',
      ),
    ],
    roles: [{ role: 'LATENT', origin: 'EMPTY', width: 'width', height: 'height', length: 'num_frames' }],
  },
  {
    type: 'WanVideoEmptyEmbeds',
    layouts: [layout('width:int', 'height:int', 'num_frames:int')],
    roles: [{ role: 'LATENT', origin: 'EMPTY', width: 'width', height: 'height', length: 'num_frames' }],
  },

  // Face consistency
  {
    type: 'ApplyInstantID',
    layouts: [layout('weight:number', 'start_at:number', 'end_at:number')],
    roles: [{ role: 'FACE', method: 'INSTANTID', weight: 'weight', startAt: 'start_at', endAt: 'end_at' }],
  },
  {
    type: 'ApplyInstantIDAdvanced',
    layouts: [
      layout('ip_weight:number', 'cn_strength:number', 'start_at:number', 'end_at:number', 'noise:number', 'combine_embeds:string'),
      layout('ip_weight:number', 'cn_strength:number', 'start_at:number', 'end_at:number', 'noise:number'),
    ],
    roles: [
      {
        role: 'FACE',
        method: 'INSTANTID',
        weight: 'ip_weight',
        startAt: 'start_at',
        endAt: 'end_at',
        extra: ['cn_strength', 'noise', 'combine_embeds'],
      },
    ],
  },
  {
    type: 'ApplyPulid',
    layouts: [layout('method:string', 'weight:number', 'start_at:number', 'end_at:number')],
    roles: [{ role: 'FACE', method: 'PULID', weight: 'weight', startAt: 'start_at', endAt: 'end_at', extra: ['method'] }],
  },
  {
    type: 'ApplyPulidAdvanced',
    layouts: [
      layout('weight:number', 'projection:string', 'fidelity:int', 'noise:number', 'start_at:number', 'end_at:number'),
    ],
    roles: [
      {
        role: 'FACE',
        method: 'PULID',
        weight: 'weight',
        startAt: 'start_at',
        endAt: 'end_at',
        extra: ['projection', 'fidelity', 'noise'],
      },
    ],
  },
  {
    type: 'ApplyPulidFlux',
    layouts: [
      layout('weight:number', 'start_at:number', 'end_at:number', 'source_face_selection:string'),
      layout('weight:number', 'start_at:number', 'end_at:number'),
    ],
    roles: [{ role: 'FACE', method: 'PULID', weight: 'weight', startAt: 'start_at', endAt: 'end_at' }],
  },
  // IPAdapter_plus before its v2 rewrite
  {
    type: 'IPAdapterApplyFaceID',
    layouts: [
      layout(
        'weight:number',
        'noise:number',
        'weight_type:string',
        'start_at:number',
        'end_at:number',
        'faceid_v2:bool',
        'weight_v2:number',
        'unfold_batch:bool',
      ),
    ],
    roles: [
      {
        role: 'FACE',
        method: 'IPADAPTER',
        weight: 'weight',
        startAt: 'start_at',
        endAt: 'end_at',
        extra: ['noise', 'weight_type', 'faceid_v2', 'weight_v2'],
      },
    ],
  },
  {
    type: 'IPAdapterFaceID',
    layouts: [
      layout(
        'weight:number',
        'weight_faceidv2:number',
        'weight_type:string',
        'combine_embeds:string',
        'start_at:number',
        'end_at:number',
        'embeds_scaling:string',
      ),
    ],
    roles: [
      {
        role: 'FACE',
        method: 'IPADAPTER',
        weight: 'weight',
        startAt: 'start_at',
        endAt: 'end_at',
        extra: ['weight_faceidv2', 'weight_type'],
      },
    ],
  },
  {
    type: 'IPAdapterAdvanced',
    layouts: [
      layout(
        'weight:number',
        'weight_type:string',
        'combine_embeds:string',
        'start_at:number',
        'end_at:number',
        'embeds_scaling:string',
      ),
    ],
    roles: [
      { role: 'FACE', method: 'IPADAPTER', weight: 'weight', startAt: 'start_at', endAt: 'end_at', extra: ['weight_type'] },
    ],
  },
  {
    type: 'IPAdapter',
    layouts: [layout('weight:number', 'start_at:number', 'end_at:number', 'weight_type:string')],
    roles: [
      { role: 'FACE', method: 'IPADAPTER', weight: 'weight', startAt: 'start_at', endAt: 'end_at', extra: ['weight_type'] },
    ],
  },
  // XLabs x-flux-comfyui
  {
    type: 'ApplyFluxIPAdapter',
    layouts: [layout('ip_scale:number')],
    roles: [{ role: 'FACE', method: 'IPADAPTER', weight: 'ip_scale' }],
  },
  // Gourieff comfyui-reactor-node
  {
    type: 'ReActorFaceSwap',
    layouts: [
      layout(
        'enabled:bool',
        'swap_model:string',
        'facedetection:string',
        'face_restore_model:string',
        'face_restore_visibility:number',
        'codeformer_weight:number',
        'detect_gender_input:string',
        'detect_gender_source:string',
        'input_faces_index:string',
        'source_faces_index:string',
        'console_log_level:int',
      ),
    ],
    roles: [
      {
        role: 'FACE',
        method: 'FACE_SWAP',
        enabledWidget: 'enabled',
        extra: ['face_restore_model', 'face_restore_visibility', 'codeformer_weight', 'input_faces_index', 'source_faces_index'],
      },
      loader(['swap_model', 'FACE_SWAP'], ['face_restore_model', 'FACE_RESTORE']),
    ],
  },

  // Upscalers. numz ComfyUI-SeedVR2_VideoUpscaler changed the SeedVR2 widgets three times
  // (cfg_scale removed, preserve_vram added; early releases call the resolution `new_width`),
  // then replaced the node with SeedVR2VideoUpscaler.
  {
    type: 'SeedVR2',
    layouts: [
      layout('model:string', 'seed:int', CONTROL, 'new_resolution:int', 'cfg_scale:number', 'batch_size:int', 'preserve_vram:bool'),
      layout('model:string', 'seed:int', CONTROL, 'new_resolution:int', 'batch_size:int', 'preserve_vram:bool'),
      layout('model:string', 'seed:int', CONTROL, 'new_resolution:int', 'cfg_scale:number', 'batch_size:int'),
    ],
    roles: [
      { role: 'UPSCALER', model: 'model', resolution: 'new_resolution', seed: 'seed', extra: ['cfg_scale', 'batch_size'] },
      loader(['model', 'UPSCALE']),
    ],
  },
  {
    type: 'SeedVR2VideoUpscaler',
    layouts: [
      layout(
        'seed:int',
        CONTROL,
        'resolution:int',
        'max_resolution:int',
        'batch_size:int',
        'uniform_batch_size:bool',
        'temporal_overlap:int',
        'prepend_frames:int',
        'color_correction:string',
        'input_noise_scale:number',
        'latent_noise_scale:number',
        'offload_device:string',
        'enable_debug:bool',
      ),
    ],
    roles: [
      { role: 'UPSCALER', resolution: 'resolution', seed: 'seed', extra: ['max_resolution', 'batch_size', 'color_correction'] },
    ],
  },
  {
    type: 'ImageUpscaleWithModel',
    layouts: [],
    roles: [{ role: 'UPSCALER', modelInput: 'upscale_model' }],
  },
  {
    type: 'ImageScaleBy',
    layouts: [layout('upscale_method:string', 'scale_by:number')],
    roles: [{ role: 'UPSCALER', scaleBy: 'scale_by', extra: ['upscale_method'] }],
  },

  // Video outputs. Video Helper Suite stores its widgets as an object keyed by name.
  { type: 'VHS_VideoCombine', layouts: [], namedValues: true, roles: [{ role: 'VIDEO_OUTPUT', fps: 'frame_rate' }] },
  {
    type: 'SaveAnimatedWEBP',
    layouts: [layout('filename_prefix:string', 'fps:number', 'lossless:bool', 'quality:int', 'method:string')],
    roles: [{ role: 'VIDEO_OUTPUT', fps: 'fps' }],
  },
  { type: 'CreateVideo', layouts: [layout('fps:number')], roles: [{ role: 'VIDEO_OUTPUT', fps: 'fps' }] },

  // All-in-one pipeline nodes (runcomfy-com ai-toolkit-inference rc_models.py): the
  // `offload_mode` widget is missing in the first releases.
  ...['RCZimageTurbo', 'RCZimage', 'RCZimageDeturbo'].map(aiToolkitNode),

  // Value nodes: their outputs are their own widgets.
  {
    type: 'PrimitiveNode',
    layouts: [layout('value:any', CONTROL, 'filter:string'), layout('value:any', CONTROL), layout('value:any')],
    roles: [{ role: 'VALUE', outputs: ['value'] }],
  },
  valueNode('PrimitiveInt', 'int', true),
  valueNode('PrimitiveFloat', 'number', false),
  valueNode('PrimitiveBoolean', 'bool', false),
  valueNode('PrimitiveString', 'string', false),
  valueNode('PrimitiveStringMultiline', 'string', false),
  valueNode('ImpactInt', 'int', false),
  valueNode('ImpactFloat', 'number', false),
  valueNode('INTConstant', 'int', false),
  valueNode('FloatConstant', 'number', false),
  // yolain ComfyUI-Easy-Use: the third slot belongs to a button and is stored as null.
  {
    type: 'easy seed',
    layouts: [layout('seed:int', CONTROL, 'button:any'), layout('seed:int', CONTROL)],
    roles: [{ role: 'VALUE', outputs: ['seed'] }],
  },
  { type: 'CR Seed', layouts: [layout('seed:int', CONTROL)], roles: [{ role: 'VALUE', outputs: ['seed'] }] },

  // Frontend-only forwarding nodes
  { type: 'Reroute', layouts: [], roles: [{ role: 'REROUTE' }] },
  // kijai ComfyUI-KJNodes SetNode/GetNode: a GetNode forwards the input of the SetNode whose
  // name widget matches its own.
  { type: 'SetNode', layouts: [layout('name:string')], roles: [{ role: 'SET' }] },
  { type: 'GetNode', layouts: [layout('name:string')], roles: [{ role: 'GET' }] },

  // Known node types that carry nothing this module extracts.
  ...[
    'Note',
    'MarkdownNote',
    'PreviewImage',
    'SaveImage',
    'LoadImage',
    'CLIPTextEncode',
    'CLIPTextEncodeSDXL',
    'CLIPSetLastLayer',
    'ConditioningCombine',
    'ConditioningZeroOut',
    'ConditioningSetTimestepRange',
    'ReferenceLatent',
    'InpaintModelConditioning',
    'ControlNetApply',
    'ControlNetApplyAdvanced',
    'VAEDecode',
    'VAEDecodeTiled',
    'VAEEncode',
    'VAEEncodeTiled',
    'VAEEncodeForInpaint',
    'ModelSamplingSD3',
    'ModelSamplingFlux',
    'ModelSamplingAuraFlow',
    'RescaleCFG',
    'FreeU_V2',
    'ImageBatch',
    'InvertMask',
    'SolidMask',
    'MaskComposite',
    'GetImageSize',
    'InstantIDFaceAnalysis',
    'InsightFaceLoader',
    'PulidInsightFaceLoader',
    'PulidEvaClipLoader',
    'PulidFluxInsightFaceLoader',
    'PulidFluxEvaClipLoader',
    'IPAdapterUnifiedLoader',
    'WanVideoTextEncode',
    'WanVideoDecode',
    'WanVideoClipVisionEncode',
    'WanVideoBlockSwap',
    'WanVideoEnhanceAVideo',
    'VHS_LoadVideo',
  ].map(passiveNode),
];

function loader(...models: [string, ModelKind][]): ModelLoaderRole {
  return { role: 'MODEL_LOADER', models: models.map(([widget, kind]) => ({ widget, kind })) };
}

function emptyLatent(type: string): NodeTypeSpec {
  return {
    type,
    layouts: [layout('width:int', 'height:int', 'batch_size:int')],
    roles: [{ role: 'LATENT', origin: 'EMPTY', width: 'width', height: 'height', batchSize: 'batch_size' }],
  };
}

function videoLatent(type: string): NodeTypeSpec {
  return {
    type,
    layouts: [layout('width:int', 'height:int', 'length:int', 'batch_size:int')],
    roles: [
      { role: 'LATENT', origin: 'EMPTY', width: 'width', height: 'height', length: 'length', batchSize: 'batch_size' },
    ],
  };
}

function aiToolkitNode(type: string): NodeTypeSpec {
  const head = ['prompt:string', 'width:int', 'height:int', 'sample_steps:int', 'guidance_scale:number', 'seed:int', CONTROL];
  const tail = ['lora_path:string', 'lora_scale:number', 'hf_token:string', 'negative_prompt:string'];
  const pipelines: Record<string, string> = { RCZimageTurbo: 'zimage_turbo', RCZimageDeturbo: 'zimage_deturbo', RCZimage: 'zimage' };
  const pipeline = pipelines[type] ?? type;
  return {
    type,
    layouts: [layout(...head, 'offload_mode:string', ...tail), layout(...head, ...tail)],
    roles: [
      {
        role: 'SAMPLER',
        kind: 'WRAPPER',
        fields: { steps: 'sample_steps', cfg: 'guidance_scale', seed: 'seed' },
        sizeFromOwnWidgets: true,
      },
      { role: 'LATENT', origin: 'EMPTY', width: 'width', height: 'height' },
      { role: 'LORA', name: 'lora_path', strengthModel: 'lora_scale', optional: true },
      { role: 'PIPELINE', pipeline },
    ],
  };
}

function valueNode(type: string, kind: WidgetKind, hasControl: boolean): NodeTypeSpec {
  const layouts = hasControl ? [layout(`value:${kind}`, CONTROL), layout(`value:${kind}`)] : [layout(`value:${kind}`)];
  return { type, layouts, roles: [{ role: 'VALUE', outputs: ['value'] }] };
}

function passiveNode(type: string): NodeTypeSpec {
  return { type, layouts: [], roles: [{ role: 'PASSIVE' }] };
}

const SPEC_BY_TYPE = new Map(SPECS.map((spec) => [spec.type, spec]));

/** Returns the table entry for a node type, or undefined when the type is unknown. */
export function getNodeTypeSpec(type: string): NodeTypeSpec | undefined {
  return SPEC_BY_TYPE.get(type);
}

/** Returns the first role of the given kind that the node type has. */
export function findRole<R extends NodeRole['role']>(
  spec: NodeTypeSpec | undefined,
  role: R,
): Extract<NodeRole, { role: R }> | undefined {
  return spec?.roles.find((candidate): candidate is Extract<NodeRole, { role: R }> => candidate.role === role);
}

/** Returns every node type in the table, for documentation and tests. */
export function listKnownNodeTypes(): string[] {
  return SPECS.map((spec) => spec.type);
}
