/**
 * Turns a flattened graph into a WorkflowSummary: inventory, models, samplers with their
 * effective settings, LoRAs, latent sizes, face-consistency weights, upscalers and video
 * outputs. Muted and bypassed nodes are listed with `active: false` and never feed an
 * effective value.
 */
import type { JsonValue } from './exact-json.js';
import { describeNode, type Graph, type GraphNode } from './graph.js';
import { detectModelFamily, isAcceleratorName } from './model-families.js';
import {
  findRole,
  type LatentRole,
  type PartRole,
  type SamplerField,
  type SamplerRole,
} from './node-types.js';
import { Resolver, type ParamResolution } from './resolution.js';
import { computeSize } from './size-rules.js';
import type {
  FaceSummary,
  LatentOrigin,
  LatentSummary,
  LoraSummary,
  ModelRef,
  NamedValue,
  NodeSummary,
  NodeTypeCount,
  ResolvedValue,
  SamplerSummary,
  SeedControl,
  UpscalerSummary,
  ValueSource,
  VideoOutputSummary,
  WorkflowScalar,
  WorkflowSummary,
} from './types.js';

const SAMPLER_FIELDS: SamplerField[] = [
  'seed',
  'steps',
  'cfg',
  'guidance',
  'samplerName',
  'scheduler',
  'denoise',
  'startAtStep',
  'endAtStep',
];

const IMAGE_LATENT_TYPES = new Set(['VAEEncode', 'VAEEncodeTiled', 'VAEEncodeForInpaint', 'InpaintModelConditioning']);

/** ComfyUI's Flux model applies this guidance when no FluxGuidance node sets one (comfy/model_base.py). */
const FLUX_DEFAULT_GUIDANCE = 3.5;

/** Builds the summary of a graph. Resolution warnings are collected into the summary. */
export function summarizeGraph(graph: Graph, slug: string | null): WorkflowSummary {
  return new SummaryBuilder(graph).build(slug);
}

class SummaryBuilder {
  private readonly resolver: Resolver;
  private readonly nodes: GraphNode[];

  constructor(private readonly graph: Graph) {
    this.resolver = new Resolver(graph);
    this.nodes = [...graph.nodes.values()];
  }

  build(slug: string | null): WorkflowSummary {
    const samplers = this.nodes.flatMap((node) => {
      const role = findRole(node.spec, 'SAMPLER');
      return role ? [this.sampler(node, role)] : [];
    });
    this.addImpliedFluxGuidance(samplers);

    const activeSamplerUpstream = new Set<string>();
    for (const sampler of samplers) {
      if (!sampler.active) continue;
      activeSamplerUpstream.add(sampler.nodeId);
      for (const key of this.upstreamKeys(sampler.nodeId)) activeSamplerUpstream.add(key);
    }

    const summary: WorkflowSummary = {
      available: true,
      slug,
      format: this.graph.format,
      formatVersion: this.graph.formatVersion,
      nodeTypes: this.inventory(),
      nodes: this.nodes.map(toNodeSummary),
      models: this.nodes.flatMap((node) => this.models(node)),
      samplers,
      primarySamplerId: choosePrimarySampler(samplers),
      loras: this.nodes.flatMap((node) => this.lora(node, activeSamplerUpstream)),
      latents: this.nodes.flatMap((node) => this.latent(node)),
      faceConsistency: this.nodes.flatMap((node) => this.face(node, activeSamplerUpstream)),
      upscalers: this.nodes.flatMap((node) => this.upscaler(node)),
      videoOutputs: this.nodes.flatMap((node) => this.videoOutput(node)),
      mutedNodeIds: this.nodes.filter((node) => node.mode === 'MUTED').map((node) => node.key),
      bypassedNodeIds: this.nodes.filter((node) => node.mode === 'BYPASSED').map((node) => node.key),
      warnings: [],
    };
    summary.warnings = this.graph.warnings.items;
    return summary;
  }

  private upstreamKeys(key: string): Set<string> {
    const node = this.graph.nodes.get(key);
    return node ? this.resolver.upstreamOf(node) : new Set();
  }

  private inventory(): NodeTypeCount[] {
    const counts = new Map<string, NodeTypeCount>();
    for (const node of this.nodes) {
      const entry = counts.get(node.type) ?? { type: node.type, count: 0, known: isKnown(node) };
      entry.count++;
      counts.set(node.type, entry);
    }
    return [...counts.values()].sort((a, b) => a.type.localeCompare(b.type));
  }

  private value(node: GraphNode, widget: string | undefined, seed = false): ResolvedValue | null {
    if (widget === undefined) return null;
    const param = this.resolver.widgetValue(node, widget);
    return param ? toResolvedValue(param, widget, node, seed) : null;
  }

  private namedValues(node: GraphNode, widgets: readonly string[] | undefined): NamedValue[] {
    return (widgets ?? []).flatMap((name) => {
      const value = this.value(node, name);
      return value ? [{ name, value }] : [];
    });
  }

  private sampler(node: GraphNode, role: SamplerRole): SamplerSummary {
    const summary: SamplerSummary = {
      nodeId: node.key,
      nodeType: node.type,
      title: node.title,
      kind: role.kind,
      active: node.mode === 'ACTIVE',
      seed: null,
      steps: null,
      cfg: null,
      guidance: null,
      samplerName: null,
      scheduler: null,
      denoise: null,
      startAtStep: null,
      endAtStep: null,
      parts: [],
      latentNodeId: null,
      latentOrigin: null,
      modelNodeIds: [],
      loraNodeIds: [],
      extra: this.namedValues(node, role.extra),
    };
    for (const field of SAMPLER_FIELDS) summary[field] = this.value(node, role.fields[field], field === 'seed');

    let positive: { node: GraphNode; input: string } | null = role.positiveInput ? { node, input: role.positiveInput } : null;
    for (const [part, inputName] of Object.entries(role.partInputs ?? {}) as [PartRole, string][]) {
      const partNode = this.applyPart(summary, node, part, inputName);
      const partRole = partNode ? findRole(partNode.spec, 'PART') : undefined;
      if (partNode && partRole?.positiveInput) positive = { node: partNode, input: partRole.positiveInput };
      if (partNode && partRole?.sizeFromOwnWidgets) {
        summary.latentNodeId = partNode.key;
        summary.latentOrigin = 'EMPTY';
      }
    }

    if (!summary.guidance && positive) {
      const guidanceNode = this.resolver.findOnConditioningPath(positive.node, positive.input, 'FluxGuidance');
      const guidanceRole = guidanceNode ? findRole(guidanceNode.spec, 'GUIDANCE') : undefined;
      if (guidanceNode && guidanceRole) summary.guidance = this.value(guidanceNode, guidanceRole.widget);
    }

    if (role.sizeFromOwnWidgets) {
      summary.latentNodeId = node.key;
      summary.latentOrigin = 'EMPTY';
    } else if (role.latentInput && !summary.latentNodeId) {
      this.applyLatentSource(summary, node, role.latentInput);
    }

    const upstream = this.resolver.upstreamOf(node);
    const related = [node.key, ...upstream];
    summary.modelNodeIds = related.filter((key) => {
      const candidate = this.graph.nodes.get(key);
      return Boolean(findRole(candidate?.spec, 'MODEL_LOADER') || findRole(candidate?.spec, 'PIPELINE'));
    });
    summary.loraNodeIds = related.filter((key) => Boolean(findRole(this.graph.nodes.get(key)?.spec, 'LORA')));
    return summary;
  }

  /** Fills sampler fields from the node linked to a part input (noise, guider, sampler, sigmas, settings). */
  private applyPart(summary: SamplerSummary, sampler: GraphNode, part: PartRole, inputName: string): GraphNode | null {
    const resolution = this.resolver.resolveInputNode(sampler, inputName);
    if (!resolution || resolution.kind !== 'OUTPUT') return null;
    const partNode = resolution.node;
    const partRole = findRole(partNode.spec, 'PART');
    summary.parts.push({ role: part, nodeId: partNode.key, nodeType: partNode.type });
    if (!partRole) {
      this.graph.warnings.add(
        'SAMPLER_PART_UNKNOWN',
        `${describeNode(sampler)} takes its ${part.toLowerCase()} from ${describeNode(partNode)}, which the layout table does not cover; those settings are unknown`,
        partNode,
      );
      return partNode;
    }

    for (const field of SAMPLER_FIELDS) {
      if (summary[field]) continue;
      const widget = partRole.fields[field];
      if (widget !== undefined) summary[field] = this.value(partNode, widget, field === 'seed');
      const implied = partRole.implied?.[field];
      if (!summary[field] && implied !== undefined) summary[field] = impliedValue(implied, partNode);
    }
    return partNode;
  }

  private applyLatentSource(summary: SamplerSummary, sampler: GraphNode, inputName: string): void {
    const resolution = this.resolver.resolveInputNode(sampler, inputName);
    if (!resolution || resolution.kind !== 'OUTPUT') return;
    const source = resolution.node;
    const latentRole = findRole(source.spec, 'LATENT');
    if (latentRole) {
      summary.latentNodeId = source.key;
      summary.latentOrigin = latentRole.origin;
      return;
    }
    let origin: LatentOrigin = 'OTHER';
    if (findRole(source.spec, 'SAMPLER')) origin = 'SAMPLER';
    else if (IMAGE_LATENT_TYPES.has(source.type)) origin = 'IMAGE';
    summary.latentNodeId = source.key;
    summary.latentOrigin = origin;
  }

  /**
   * Sets guidance 3.5 on Flux Dev samplers without FluxGuidance, because ComfyUI's Flux model
   * applies it by default. The family comes from the checkpoint or UNET files upstream.
   */
  private addImpliedFluxGuidance(samplers: SamplerSummary[]): void {
    for (const sampler of samplers) {
      // Wrapper nodes (FluxTrainer, XLabs, WanVideo) run their own pipelines, not ComfyUI's Flux model.
      if (sampler.guidance || sampler.kind === 'WRAPPER') continue;
      const names = sampler.modelNodeIds.flatMap((key) => {
        const node = this.graph.nodes.get(key);
        return node ? this.models(node).filter((model) => model.kind === 'CHECKPOINT' || model.kind === 'UNET') : [];
      });
      const family = detectModelFamily(names.map((model) => model.name));
      if (family?.guidance !== 'EMBEDDED' || family.id !== 'flux-dev') continue;
      const modelNode = names[0];
      sampler.guidance = {
        value: FLUX_DEFAULT_GUIDANCE,
        source: 'IMPLIED',
        nodeId: modelNode?.nodeId ?? sampler.nodeId,
        via: [],
        staleWidgetValue: null,
        control: null,
        detail: `no FluxGuidance node; ComfyUI's Flux model applies guidance ${FLUX_DEFAULT_GUIDANCE}`,
      };
    }
  }

  private models(node: GraphNode): ModelRef[] {
    const active = node.mode === 'ACTIVE';
    const pipeline = findRole(node.spec, 'PIPELINE');
    const refs: ModelRef[] = pipeline
      ? [{ nodeId: node.key, nodeType: node.type, kind: 'PIPELINE', name: pipeline.pipeline, active }]
      : [];
    const loader = findRole(node.spec, 'MODEL_LOADER');
    for (const { widget, kind } of loader?.models ?? []) {
      const name = this.value(node, widget)?.value;
      if (typeof name !== 'string' || name === '' || name === 'none') continue;
      refs.push({ nodeId: node.key, nodeType: node.type, kind, name, active });
    }
    const lora = findRole(node.spec, 'LORA');
    const loraName = lora ? this.value(node, lora.name)?.value : undefined;
    if (typeof loraName === 'string' && loraName !== '' && loraName !== 'None') {
      refs.push({ nodeId: node.key, nodeType: node.type, kind: 'LORA', name: loraName, active });
    }
    return refs;
  }

  private lora(node: GraphNode, activeSamplerUpstream: Set<string>): LoraSummary[] {
    const role = findRole(node.spec, 'LORA');
    if (!role) return [];
    const name = this.value(node, role.name);
    const strengthModel = this.value(node, role.strengthModel);
    const strengthClip = this.value(node, role.strengthClip);

    let inactiveReason: LoraSummary['inactiveReason'] = null;
    const strengths = [strengthModel, strengthClip].filter((value): value is ResolvedValue => value !== null);
    if (node.mode === 'MUTED') inactiveReason = 'MUTED';
    else if (node.mode === 'BYPASSED') inactiveReason = 'BYPASSED';
    else if (role.optional && (typeof name?.value !== 'string' || name.value.trim() === '')) inactiveReason = 'EMPTY_NAME';
    else if (strengths.length > 0 && strengths.every((strength) => strength.value === 0)) inactiveReason = 'ZERO_STRENGTH';
    else if (!activeSamplerUpstream.has(node.key)) inactiveReason = 'NOT_CONNECTED';

    return [
      {
        nodeId: node.key,
        nodeType: node.type,
        title: node.title,
        name,
        strengthModel,
        strengthClip,
        active: inactiveReason === null,
        inactiveReason,
        accelerator: typeof name?.value === 'string' && isAcceleratorName(name.value),
      },
    ];
  }

  private latent(node: GraphNode): LatentSummary[] {
    const role = findRole(node.spec, 'LATENT');
    if (!role) return [];
    const summary: LatentSummary = {
      nodeId: node.key,
      nodeType: node.type,
      active: node.mode === 'ACTIVE',
      width: this.value(node, role.width),
      height: this.value(node, role.height),
      batchSize: this.value(node, role.batchSize),
      length: this.value(node, role.length),
      derivation: null,
    };
    if (role.sizeRule) this.applySizeRule(summary, node, role);
    if (role.extra?.includes('scale_by')) {
      const scale = this.value(node, 'scale_by');
      summary.derivation = scale ? `input latent scaled by ${String(scale.value)}` : null;
    }
    return [summary];
  }

  private applySizeRule(summary: LatentSummary, node: GraphNode, role: LatentRole): void {
    const params: ParamResolution[] = [];
    const size = computeSize(role.sizeRule as NonNullable<LatentRole['sizeRule']>, (widget) => {
      const param = this.resolver.widgetValue(node, widget);
      if (param) params.push(param);
      return param?.value ?? undefined;
    });
    if (!size) return;
    const runtime = params.some((param) => param.source === 'RUNTIME');
    const source: ValueSource = runtime ? 'RUNTIME' : params.some((param) => param.source === 'LINK') ? 'LINK' : 'WIDGET';
    const derived = (value: number): ResolvedValue => ({
      value: runtime ? null : value,
      source,
      nodeId: node.key,
      via: [],
      staleWidgetValue: null,
      control: null,
      detail: `computed by ${describeNode(node)} from ${size.derivation}`,
    });
    summary.width = derived(size.width);
    summary.height = derived(size.height);
    summary.derivation = size.derivation;
  }

  private face(node: GraphNode, activeSamplerUpstream: Set<string>): FaceSummary[] {
    const role = findRole(node.spec, 'FACE');
    if (!role) return [];
    const enabled = role.enabledWidget ? this.value(node, role.enabledWidget)?.value !== false : true;
    const connected = role.method === 'FACE_SWAP' || activeSamplerUpstream.has(node.key);
    return [
      {
        nodeId: node.key,
        nodeType: node.type,
        method: role.method,
        active: node.mode === 'ACTIVE' && enabled && connected,
        weight: this.value(node, role.weight),
        startAt: this.value(node, role.startAt),
        endAt: this.value(node, role.endAt),
        extra: this.namedValues(node, role.extra),
      },
    ];
  }

  private upscaler(node: GraphNode): UpscalerSummary[] {
    const role = findRole(node.spec, 'UPSCALER');
    if (!role) return [];
    let model = this.value(node, role.model);
    if (!model && role.modelInput) {
      const resolution = this.resolver.resolveInputNode(node, role.modelInput);
      const loaderNode = resolution?.kind === 'OUTPUT' ? resolution.node : null;
      const loaderWidget = loaderNode ? findRole(loaderNode.spec, 'MODEL_LOADER')?.models[0]?.widget : undefined;
      if (loaderNode && loaderWidget) model = this.value(loaderNode, loaderWidget);
    }
    return [
      {
        nodeId: node.key,
        nodeType: node.type,
        active: node.mode === 'ACTIVE',
        model,
        resolution: this.value(node, role.resolution),
        scaleBy: this.value(node, role.scaleBy),
        seed: this.value(node, role.seed, true),
        extra: this.namedValues(node, role.extra),
      },
    ];
  }

  private videoOutput(node: GraphNode): VideoOutputSummary[] {
    const role = findRole(node.spec, 'VIDEO_OUTPUT');
    if (!role) return [];
    return [{ nodeId: node.key, nodeType: node.type, active: node.mode === 'ACTIVE', fps: this.value(node, role.fps) }];
  }
}

function isKnown(node: GraphNode): boolean {
  return node.spec !== undefined || node.instance !== null;
}

function toNodeSummary(node: GraphNode): NodeSummary {
  return {
    id: node.key,
    type: node.type,
    title: node.title,
    mode: node.mode,
    subgraphPath: node.subgraphPath,
    known: isKnown(node),
  };
}

/**
 * Picks the sampler that generates from an empty latent. Among several, the first in file order
 * wins. A KSamplerAdvanced that starts after step 0 is a second stage, so it ranks after first stages.
 */
function choosePrimarySampler(samplers: SamplerSummary[]): string | null {
  const rank = (sampler: SamplerSummary): number => {
    const originRank: Record<LatentOrigin, number> = { EMPTY: 0, IMAGE: 1, OTHER: 2, UPSCALED: 3, SAMPLER: 4 };
    let value = sampler.latentOrigin ? originRank[sampler.latentOrigin] : 2;
    const start = sampler.startAtStep?.value;
    if (typeof start === 'number' && start > 0) value += 0.5;
    return value;
  };
  const candidates = samplers.filter((sampler) => sampler.active);
  let best: SamplerSummary | null = null;
  for (const sampler of candidates) {
    if (!best || rank(sampler) < rank(best)) best = sampler;
  }
  return best?.nodeId ?? null;
}

const SEED_CONTROLS = new Set<SeedControl>(['fixed', 'randomize', 'increment', 'decrement']);

/** Converts a resolution to the public value type; seeds become decimal strings. */
function toResolvedValue(param: ParamResolution, widget: string, consumer: GraphNode, seed: boolean): ResolvedValue {
  const control = typeof param.control === 'string' && SEED_CONTROLS.has(param.control as SeedControl)
    ? (param.control as SeedControl)
    : null;
  const changesEveryRun = seed && control !== null && control !== 'fixed';
  const source: ValueSource = changesEveryRun ? 'RUNTIME' : param.source;
  const value = toScalar(param.value, seed);
  return {
    value,
    source,
    nodeId: param.producer.key,
    via: param.via,
    staleWidgetValue: param.stale === undefined ? null : toScalar(param.stale, seed),
    control: seed ? control : null,
    detail: describeParam(param, widget, consumer, changesEveryRun ? control : null),
  };
}

function impliedValue(value: string | number, node: GraphNode): ResolvedValue {
  return {
    value,
    source: 'IMPLIED',
    nodeId: node.key,
    via: [],
    staleWidgetValue: null,
    control: null,
    detail: `fixed by ${describeNode(node)}`,
  };
}

function describeParam(param: ParamResolution, widget: string, consumer: GraphNode, varyingControl: SeedControl | null): string {
  const producer = describeNode(param.producer);
  const via = param.via.length > 0 ? ` via ${param.via.map((key) => `#${key}`).join(', ')}` : '';
  const varying = varyingControl ? `; "${varyingControl}" changes it after every run` : '';
  if (param.unresolved) return `widget "${widget}" is linked, but the link yields nothing (${param.unresolved.toLowerCase()})${via}`;
  switch (param.source) {
    case 'WIDGET':
      if (param.producer !== consumer) return `widget promoted onto ${producer}${via}${varying}`;
      return `widget "${widget}" of ${producer}${varying}`;
    case 'LINK':
      return `linked from ${producer}${via}${param.derivation ? ` (${param.derivation})` : ''}${varying}`;
    case 'RUNTIME':
      return `computed at run time by ${producer}${via}`;
  }
}

/** Big integers and seeds become decimal strings so no digit is lost; structured values become null. */
function toScalar(value: JsonValue, seed: boolean): WorkflowScalar {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return seed && Number.isInteger(value) ? String(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  return null;
}
