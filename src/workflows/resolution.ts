/**
 * Follows links to the value an input really receives.
 *
 * A widget converted to an input keeps its old value in `widgets_values`; the effective value
 * comes through the link. Resolution walks the link upstream the way the frontend does when it
 * builds a prompt (ExecutableNodeDTO.resolveInput/resolveOutput in ComfyUI_frontend):
 * - Reroute nodes forward their single input, and a KJNodes GetNode forwards the input of the
 *   SetNode with the same name (looked up in the same subgraph first, then anywhere).
 * - A bypassed node (mode 4) forwards the input whose type matches the requested output:
 *   the input at the same index when its type fits, else the first input of the exact type,
 *   else the first compatible one.
 * - A muted node (mode 2) produces nothing.
 * - A subgraph instance forwards to the inner node wired to its output. An inner link from the
 *   subgraph's input node continues at the instance's input. When that input is not linked, the
 *   value is the one typed into the widget promoted onto the instance.
 * - Primitive and constant nodes produce their own widget value. Nodes with a known rule
 *   (aspect-ratio nodes) produce a computed value. Any other node computes its output at run time.
 */
import type { JsonValue } from './exact-json.js';
import { describeNode, type Endpoint, type Graph, type GraphInput, type GraphNode } from './graph.js';
import { findRole, type SizeRule } from './node-types.js';
import { computeSize } from './size-rules.js';

/** Reason a link yields nothing. */
export type UnresolvedReason =
  | 'MUTED'
  | 'DANGLING'
  | 'NO_MATCHING_BYPASS_INPUT'
  | 'UNMATCHED_GET'
  | 'UNLINKED_INSTANCE_INPUT'
  | 'CYCLE';

/** Result of following a link. */
export type Resolution =
  | {
      kind: 'VALUE';
      value: JsonValue;
      /** The node whose widget contains the value. */
      producer: GraphNode;
      via: string[];
      control: JsonValue | undefined;
      /** True when the value was typed into a widget promoted onto a subgraph instance. */
      promoted: boolean;
      derivation: string | null;
    }
  | { kind: 'OUTPUT'; node: GraphNode; slot: number; via: string[] }
  | { kind: 'NONE'; reason: UnresolvedReason; node: GraphNode | null; via: string[] };

/** The effective value of one widget of one node, before conversion to public types. */
export interface ParamResolution {
  value: JsonValue;
  /** LINK for a value node reached by a link, RUNTIME for a computed output, WIDGET otherwise. */
  source: 'WIDGET' | 'LINK' | 'RUNTIME';
  producer: GraphNode;
  via: string[];
  /** The consumer's own widget value when a link overrides it. */
  stale: JsonValue | undefined;
  control: JsonValue | undefined;
  derivation: string | null;
  unresolved: UnresolvedReason | null;
}

const PASS_THROUGH_TYPES = new Set(['Reroute', 'Reroute (rgthree)']);

/** Resolves links and widget values over one graph. */
export class Resolver {
  private readonly setNodes = new Map<string, GraphNode[]>();
  private readonly upstreamCache = new Map<string, Set<string>>();

  constructor(private readonly graph: Graph) {
    for (const node of graph.nodes.values()) {
      if (node.type !== 'SetNode') continue;
      const name = node.widgets.get('name');
      if (typeof name !== 'string') continue;
      const list = this.setNodes.get(name) ?? [];
      list.push(node);
      this.setNodes.set(name, list);
    }
  }

  /** Returns the node with the given execution id. */
  node(key: string): GraphNode | undefined {
    return this.graph.nodes.get(key);
  }

  /** Follows `endpoint` upstream until it reaches a value or a computing node. */
  resolveEndpoint(endpoint: Endpoint, type: string, via: string[] = [], visited = new Set<string>()): Resolution {
    const identity = endpoint.kind === 'NODE' ? `O:${endpoint.key}:${endpoint.slot}` : `I:${endpoint.instanceKey}:${endpoint.slot}`;
    if (visited.has(identity)) {
      this.graph.warnings.add('LINK_CYCLE', `links form a cycle through ${via.join(' → ') || identity}`);
      return { kind: 'NONE', reason: 'CYCLE', node: null, via };
    }
    visited.add(identity);

    if (endpoint.kind === 'INSTANCE_INPUT') return this.resolveInstanceInput(endpoint, type, via, visited);

    const node = this.graph.nodes.get(endpoint.key);
    if (!node) return { kind: 'NONE', reason: 'DANGLING', node: null, via };
    return this.resolveOutput(node, endpoint.slot, type, via, visited);
  }

  private resolveInstanceInput(
    endpoint: { instanceKey: string; slot: number },
    type: string,
    via: string[],
    visited: Set<string>,
  ): Resolution {
    const instance = this.graph.nodes.get(endpoint.instanceKey);
    if (!instance) return { kind: 'NONE', reason: 'DANGLING', node: null, via };
    const nextVia = [...via, instance.key];
    const input = instance.inputs[endpoint.slot];
    if (input?.source) return this.resolveEndpoint(input.source, type, nextVia, visited);

    const promoted = instance.instance?.promoted.get(endpoint.slot);
    if (promoted) {
      return {
        kind: 'VALUE',
        value: promoted.value,
        producer: instance,
        via,
        control: promoted.control,
        promoted: true,
        derivation: null,
      };
    }
    return { kind: 'NONE', reason: 'UNLINKED_INSTANCE_INPUT', node: instance, via: nextVia };
  }

  private resolveOutput(node: GraphNode, slot: number, type: string, via: string[], visited: Set<string>): Resolution {
    if (node.mode === 'MUTED') return { kind: 'NONE', reason: 'MUTED', node, via };
    const nextVia = [...via, node.key];

    if (node.mode === 'BYPASSED') {
      const index = bypassInputIndex(node, slot, type);
      const input = index >= 0 ? node.inputs[index] : undefined;
      if (!input) {
        this.graph.warnings.add(
          'BYPASS_WITHOUT_MATCHING_INPUT',
          `bypassed ${describeNode(node)} has no input of type ${type} to pass through; the linked input gets nothing`,
          node,
        );
        return { kind: 'NONE', reason: 'NO_MATCHING_BYPASS_INPUT', node, via: nextVia };
      }
      if (!input.source) return { kind: 'NONE', reason: 'NO_MATCHING_BYPASS_INPUT', node, via: nextVia };
      return this.resolveEndpoint(input.source, type, nextVia, visited);
    }

    if (node.instance) {
      const inner = node.instance.outputs[slot];
      if (!inner) return { kind: 'NONE', reason: 'DANGLING', node, via: nextVia };
      return this.resolveEndpoint(inner, type, nextVia, visited);
    }

    if (PASS_THROUGH_TYPES.has(node.type) || node.type === 'SetNode') {
      const source = node.inputs[0]?.source;
      if (!source) return { kind: 'NONE', reason: 'DANGLING', node, via: nextVia };
      return this.resolveEndpoint(source, type, nextVia, visited);
    }

    if (node.type === 'GetNode') return this.resolveGetNode(node, type, nextVia, visited);

    const valueRole = findRole(node.spec, 'VALUE');
    const widgetName = valueRole?.outputs[slot];
    if (widgetName !== undefined) return this.resolveValueNode(node, widgetName, via, visited);

    const computed = findRole(node.spec, 'COMPUTED_VALUE');
    if (computed) {
      const resolution = this.resolveComputedOutput(node, slot, computed.rule, computed.outputs, via);
      if (resolution) return resolution;
    }

    return { kind: 'OUTPUT', node, slot, via };
  }

  private resolveGetNode(node: GraphNode, type: string, via: string[], visited: Set<string>): Resolution {
    const name = node.widgets.get('name');
    const candidates = typeof name === 'string' ? (this.setNodes.get(name) ?? []) : [];
    const setter = candidates.find((candidate) => candidate.scopeKey === node.scopeKey) ?? candidates[0];
    if (!setter) {
      this.graph.warnings.add(
        'UNMATCHED_GET_NODE',
        `${describeNode(node)} reads "${String(name)}", but no SetNode stores that name; the linked input gets nothing`,
        node,
      );
      return { kind: 'NONE', reason: 'UNMATCHED_GET', node, via };
    }
    const source = setter.inputs[0]?.source;
    if (!source) return { kind: 'NONE', reason: 'DANGLING', node: setter, via: [...via, setter.key] };
    return this.resolveEndpoint(source, type, [...via, setter.key], visited);
  }

  private resolveValueNode(node: GraphNode, widgetName: string, via: string[], visited: Set<string>): Resolution {
    const param = this.widgetValue(node, widgetName, visited);
    if (!param) return { kind: 'OUTPUT', node, slot: 0, via };
    if (param.source === 'RUNTIME') return { kind: 'OUTPUT', node: param.producer, slot: 0, via: [...via, ...param.via] };
    if (param.unresolved) return { kind: 'NONE', reason: param.unresolved, node: param.producer, via: [...via, ...param.via] };
    return {
      kind: 'VALUE',
      value: param.value,
      producer: param.producer,
      via: param.producer === node ? via : [...via, node.key, ...param.via],
      control: param.control,
      promoted: false,
      derivation: param.derivation,
    };
  }

  private resolveComputedOutput(
    node: GraphNode,
    slot: number,
    rule: SizeRule,
    outputs: Partial<Record<string, number>>,
    via: string[],
  ): Resolution | null {
    const quantity = Object.entries(outputs).find(([, outputSlot]) => outputSlot === slot)?.[0];
    if (!quantity) return null;
    const size = computeSize(rule, (name) => this.widgetValue(node, name)?.value);
    if (!size) return null;
    const value = size[quantity as keyof typeof size];
    if (typeof value !== 'number') return null;
    return { kind: 'VALUE', value, producer: node, via, control: undefined, promoted: false, derivation: size.derivation };
  }

  /**
   * Returns the effective value of a node's widget: the value arriving through the link when
   * the widget is converted to an input, otherwise the widget's own value. Returns null when the
   * node has no such widget.
   */
  widgetValue(node: GraphNode, widgetName: string, visited = new Set<string>()): ParamResolution | null {
    const input = findWidgetInput(node, widgetName);
    const own = node.widgets.get(widgetName);

    if (input?.source) {
      const resolution = this.resolveEndpoint(input.source, input.type, [], new Set(visited));
      switch (resolution.kind) {
        case 'VALUE':
          return {
            value: resolution.value,
            source: resolution.promoted ? 'WIDGET' : 'LINK',
            producer: resolution.producer,
            via: resolution.via,
            stale: own,
            control: resolution.control,
            derivation: resolution.derivation,
            unresolved: null,
          };
        case 'OUTPUT':
          return {
            value: null,
            source: 'RUNTIME',
            producer: resolution.node,
            via: resolution.via,
            stale: own,
            control: undefined,
            derivation: null,
            unresolved: null,
          };
        case 'NONE':
          // An unlinked subgraph input without a promoted widget leaves the inner widget in charge.
          if (resolution.reason !== 'UNLINKED_INSTANCE_INPUT') {
            this.reportUnresolved(node, widgetName, resolution);
            return {
              value: null,
              source: 'LINK',
              producer: resolution.node ?? node,
              via: resolution.via,
              stale: own,
              control: undefined,
              derivation: null,
              unresolved: resolution.reason,
            };
          }
      }
    }

    if (own === undefined) return null;
    const control = node.controlledWidget === widgetName ? node.widgets.get('control_after_generate') : undefined;
    return { value: own, source: 'WIDGET', producer: node, via: [], stale: undefined, control, derivation: null, unresolved: null };
  }

  private reportUnresolved(node: GraphNode, widgetName: string, resolution: Extract<Resolution, { kind: 'NONE' }>): void {
    if (resolution.reason !== 'MUTED' && resolution.reason !== 'DANGLING') return;
    const target = resolution.node ? describeNode(resolution.node) : 'a node missing from the file';
    this.graph.warnings.add(
      resolution.reason === 'MUTED' ? 'LINK_TO_INACTIVE_NODE' : 'DANGLING_LINK',
      `widget "${widgetName}" of ${describeNode(node)} is linked to ${target}, which produces nothing; ComfyUI would reject the prompt`,
      node,
    );
  }

  /** Resolves the node that feeds an input (a model, a latent, a guider...). */
  resolveInputNode(node: GraphNode, inputName: string): Resolution | null {
    const input = node.inputs.find((candidate) => candidate.name === inputName);
    if (!input?.source) return null;
    return this.resolveEndpoint(input.source, input.type);
  }

  /**
   * Returns the execution ids of every node the given node depends on, through resolved links.
   * Bypassed, muted and forwarding nodes are not part of the result.
   */
  upstreamOf(node: GraphNode): Set<string> {
    const cached = this.upstreamCache.get(node.key);
    if (cached) return cached;

    const result = new Set<string>();
    const pending: GraphNode[] = [node];
    const seen = new Set<string>([node.key]);
    while (pending.length > 0) {
      const current = pending.pop() as GraphNode;
      for (const input of current.inputs) {
        if (!input.source) continue;
        const resolution = this.resolveEndpoint(input.source, input.type);
        let producer: GraphNode | null = null;
        if (resolution.kind === 'OUTPUT') producer = resolution.node;
        else if (resolution.kind === 'VALUE') producer = resolution.producer;
        if (!producer || seen.has(producer.key)) continue;
        seen.add(producer.key);
        result.add(producer.key);
        pending.push(producer);
      }
    }
    this.upstreamCache.set(node.key, result);
    return result;
  }

  /**
   * Searches upstream of a conditioning input, skipping inputs named as negative, for the
   * nearest node of the given type.
   */
  findOnConditioningPath(node: GraphNode, inputName: string, targetType: string): GraphNode | null {
    const start = node.inputs.find((input) => input.name === inputName);
    if (!start?.source) return null;
    const queue: Endpoint[] = [start.source];
    const seen = new Set<string>();

    while (queue.length > 0) {
      const endpoint = queue.shift() as Endpoint;
      const resolution = this.resolveEndpoint(endpoint, 'CONDITIONING');
      if (resolution.kind !== 'OUTPUT' || seen.has(resolution.node.key)) continue;
      const producer = resolution.node;
      seen.add(producer.key);
      if (producer.type === targetType) return producer;
      for (const input of producer.inputs) {
        if (input.source && isPositiveConditioning(input)) queue.push(input.source);
      }
    }
    return null;
  }
}

function findWidgetInput(node: GraphNode, widgetName: string): GraphInput | undefined {
  return node.inputs.find((input) => input.widgetName === widgetName);
}

function isPositiveConditioning(input: GraphInput): boolean {
  return input.type === 'CONDITIONING' && !/negative|neg_/i.test(input.name);
}

/** Picks the input a bypassed node forwards for output `slot` (ExecutableNodeDTO#getBypassSlotIndex). */
function bypassInputIndex(node: GraphNode, slot: number, type: string): number {
  const { inputs } = node;
  if (type === '*' || type === '') {
    if (inputs.length > slot) return slot;
    return inputs.length > 0 ? 0 : -1;
  }

  const outputType = node.outputs[slot]?.type ?? type;
  const sameSlot = inputs[slot];
  if (sameSlot && typesConnect(sameSlot.type, outputType) && typesConnect(sameSlot.type, type)) return slot;

  const exact = inputs.findIndex((input) => input.type === type);
  if (exact !== -1) return exact;
  return inputs.findIndex((input) => typesConnect(input.type, outputType) && typesConnect(input.type, type));
}

/** LiteGraph.isValidConnection: `*` matches anything; comma-separated types match any member. */
function typesConnect(a: string, b: string): boolean {
  if (a === '*' || b === '*' || a === '' || b === '') return true;
  const left = a.toUpperCase().split(',');
  const right = b.toUpperCase().split(',');
  return left.some((entry) => right.includes(entry));
}
