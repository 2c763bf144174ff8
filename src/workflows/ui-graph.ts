/**
 * Reads the editor's graph format (schema version 0.4 and 1): nodes, links as six-element arrays
 * or as objects, subgraph instances defined under `definitions.subgraphs` (nested ones too),
 * and legacy group nodes defined under `extra.groupNodes`.
 *
 * Subgraph instances and group nodes are expanded in place, so each instance gets its own copy
 * of the inner nodes under execution ids such as `12:5`. This mirrors what the frontend does
 * when it turns the graph into a prompt (ExecutableNodeDTO in ComfyUI_frontend).
 */
import { isJsonObject, type JsonObject, type JsonValue } from './exact-json.js';
import {
  describeNode,
  matchLayout,
  nameWidgetValues,
  toNodeMode,
  WarningList,
  type Endpoint,
  type Graph,
  type GraphInput,
  type GraphNode,
  type GraphOutput,
  type InstanceInfo,
} from './graph.js';
import { getNodeTypeSpec } from './node-types.js';
import type { NodeMode, SubgraphStep } from './types.js';

/** The id the frontend gives a subgraph's input node inside the subgraph. */
const SUBGRAPH_INPUT_NODE_ID = '-10';
/** The id of a subgraph's output node. */
const SUBGRAPH_OUTPUT_NODE_ID = '-20';
/** Group node types are `workflow>Name` (frontend 1.2.63 and later) or `workflow/Name`. */
const GROUP_NODE_TYPE = /^workflow[>/](.+)$/;

interface LinkRecord {
  origin: string;
  originSlot: number;
  target: string;
  targetSlot: number;
}

interface Level {
  nodes: JsonValue | undefined;
  links: JsonValue | undefined;
}

interface LevelContext {
  /** Execution id prefix of the nodes at this level: '' at the root, '12:' inside instance 12. */
  prefix: string;
  path: SubgraphStep[];
  /** Key of the instance this level belongs to, or null at the root. */
  instanceKey: string | null;
  inheritedMode: NodeMode | null;
  /** Subgraph definition ids being expanded, to stop a subgraph that contains itself. */
  chain: string[];
}

/** Reads a workflow in the editor's graph format into a flattened graph. */
export function buildUiGraph(root: JsonObject): Graph {
  return new UiGraphBuilder(root).build();
}

class UiGraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly warnings = new WarningList();
  private readonly subgraphs = new Map<string, JsonObject>();
  private readonly groupNodes = new Map<string, JsonObject>();

  constructor(private readonly root: JsonObject) {
    this.collectSubgraphDefinitions(root);
    const extra = root.extra;
    if (isJsonObject(extra) && isJsonObject(extra.groupNodes)) {
      for (const [name, definition] of Object.entries(extra.groupNodes)) {
        if (isJsonObject(definition)) this.groupNodes.set(name, definition);
      }
    }
  }

  build(): Graph {
    this.addLevel(
      { nodes: this.root.nodes, links: this.root.links },
      { prefix: '', path: [], instanceKey: null, inheritedMode: null, chain: [] },
    );
    const version = this.root.version;
    const formatVersion = typeof version === 'number' || typeof version === 'string' ? String(version) : null;
    return { format: 'UI', formatVersion, nodes: this.nodes, warnings: this.warnings };
  }

  /** Definitions may nest under other definitions; the frontend resolves them all by id. */
  private collectSubgraphDefinitions(graph: JsonObject): void {
    const definitions = graph.definitions;
    if (!isJsonObject(definitions) || !Array.isArray(definitions.subgraphs)) return;
    for (const definition of definitions.subgraphs) {
      if (!isJsonObject(definition) || typeof definition.id !== 'string') continue;
      if (this.subgraphs.has(definition.id)) continue;
      this.subgraphs.set(definition.id, definition);
      this.collectSubgraphDefinitions(definition);
    }
  }

  private addLevel(level: Level, context: LevelContext): void {
    const links = this.readLinks(level.links);
    const rawNodes = Array.isArray(level.nodes) ? level.nodes : [];

    for (const raw of rawNodes) {
      if (!isJsonObject(raw) || (typeof raw.id !== 'number' && typeof raw.id !== 'string')) continue;
      const type = typeof raw.type === 'string' ? raw.type : '';
      const key = `${context.prefix}${String(raw.id)}`;
      const inputs = this.readInputs(raw, key, type, links, context);
      const outputs = readOutputs(raw);

      const subgraph = this.subgraphs.get(type);
      const groupName = GROUP_NODE_TYPE.exec(type)?.[1];
      if (subgraph) {
        this.addSubgraphInstance(raw, key, type, inputs, outputs, subgraph, context);
      } else if (groupName !== undefined && this.groupNodes.has(groupName)) {
        this.addGroupNode(raw, key, type, inputs, outputs, this.groupNodes.get(groupName) as JsonObject, context);
      } else {
        let reportedMissingDefinition = true;
        if (groupName !== undefined) {
          this.warnings.add(
            'GROUP_NODE_DEFINITION_MISSING',
            `group node "${type}" has no definition under extra.groupNodes["${groupName}"]; its inner nodes are unknown`,
            { key, type },
          );
        } else if (isUuid(type)) {
          this.warnings.add(
            'SUBGRAPH_DEFINITION_MISSING',
            `subgraph instance ${key} refers to definition ${type}, which definitions.subgraphs does not contain`,
            { key, type },
          );
        } else {
          reportedMissingDefinition = false;
        }
        this.addPlainNode(raw, key, type, inputs, outputs, raw.widgets_values, context, !reportedMissingDefinition);
      }
    }
  }

  private addPlainNode(
    raw: JsonObject,
    key: string,
    type: string,
    inputs: GraphInput[],
    outputs: GraphOutput[],
    widgetValues: JsonValue | undefined,
    context: LevelContext,
    reportUnknownType = true,
  ): GraphNode {
    const spec = getNodeTypeSpec(type);
    const named = nameWidgetValues({ key, type }, spec, widgetValues, this.warnings, reportUnknownType);
    const node: GraphNode = {
      key,
      type,
      title: readTitle(raw, type),
      mode: context.inheritedMode ?? toNodeMode(raw.mode),
      subgraphPath: context.path,
      inputs,
      outputs,
      widgets: named.widgets,
      widgetState: named.state,
      controlledWidget: named.controlledWidget,
      spec,
      instance: null,
      scopeKey: context.instanceKey ?? '',
      fromApiFormat: false,
    };
    this.nodes.set(key, node);
    return node;
  }

  private readInputs(
    raw: JsonObject,
    key: string,
    type: string,
    links: Map<string, LinkRecord>,
    context: LevelContext,
  ): GraphInput[] {
    const rawInputs = Array.isArray(raw.inputs) ? raw.inputs : [];
    return rawInputs.filter(isJsonObject).map((input) => {
      const widget = input.widget;
      const linkId = input.link;
      let source: Endpoint | null = null;
      if (typeof linkId === 'number' || typeof linkId === 'string') {
        const link = links.get(String(linkId));
        if (!link) {
          this.warnings.add('DANGLING_LINK', `input "${String(input.name)}" of ${describeNode({ key, type })} names link ${String(linkId)}, which the links list does not contain`, { key, type });
        } else if (link.origin === SUBGRAPH_INPUT_NODE_ID && context.instanceKey !== null) {
          source = { kind: 'INSTANCE_INPUT', instanceKey: context.instanceKey, slot: link.originSlot };
        } else {
          source = { kind: 'NODE', key: `${context.prefix}${link.origin}`, slot: link.originSlot };
        }
      }
      return {
        name: typeof input.name === 'string' ? input.name : '',
        type: typeof input.type === 'string' ? input.type : '*',
        widgetName: isJsonObject(widget) && typeof widget.name === 'string' ? widget.name : null,
        source,
      };
    });
  }

  private readLinks(raw: JsonValue | undefined): Map<string, LinkRecord> {
    const links = new Map<string, LinkRecord>();
    if (!Array.isArray(raw)) return links;
    for (const entry of raw) {
      const parsed = readLink(entry);
      if (parsed) links.set(parsed[0], parsed[1]);
    }
    return links;
  }

  private addSubgraphInstance(
    raw: JsonObject,
    key: string,
    type: string,
    inputs: GraphInput[],
    outputs: GraphOutput[],
    definition: JsonObject,
    context: LevelContext,
  ): void {
    const name = typeof definition.name === 'string' ? definition.name : type;
    const mode = context.inheritedMode ?? toNodeMode(raw.mode);
    const instance: InstanceInfo = { kind: 'SUBGRAPH', name, outputs: [], promoted: new Map() };
    this.nodes.set(key, this.instanceNode(raw, key, type, inputs, outputs, mode, instance, context));

    if (context.chain.includes(type)) {
      this.warnings.add('SUBGRAPH_DEFINITION_MISSING', `subgraph "${name}" contains an instance of itself at ${key}; the inner instance is not expanded`, { key, type });
      return;
    }

    const prefix = `${key}:`;
    const innerContext: LevelContext = {
      prefix,
      path: [...context.path, { instanceId: key, name, kind: 'SUBGRAPH' }],
      instanceKey: key,
      inheritedMode: mode === 'ACTIVE' ? null : mode,
      chain: [...context.chain, type],
    };
    this.addLevel({ nodes: definition.nodes, links: definition.links }, innerContext);

    const innerLinks = this.readLinks(definition.links);
    instance.outputs = readSubgraphOutputs(definition, innerLinks, prefix, key);
    this.applyPromotedValues(raw, key, type, definition, innerLinks, instance, prefix);
  }

  /**
   * Maps the instance's `widgets_values` to its promoted widgets. The current frontend stores
   * one value per input that carries a `widget` (SubgraphNode.serialize). Older saves add a slot
   * after each seed for its control mode. An intermediate release listed the promoted widgets in
   * `properties.proxyWidgets` as `[innerNodeId, widgetName]` pairs.
   */
  private applyPromotedValues(
    raw: JsonObject,
    key: string,
    type: string,
    definition: JsonObject,
    innerLinks: Map<string, LinkRecord>,
    instance: InstanceInfo,
    prefix: string,
  ): void {
    const values = raw.widgets_values;
    if (values === undefined || values === null) return;
    const rawInputs = (Array.isArray(raw.inputs) ? raw.inputs : []).filter(isJsonObject);
    const promotedSlots = rawInputs.flatMap((input, slot) => (isJsonObject(input.widget) ? [slot] : []));

    if (isJsonObject(values)) {
      for (const slot of promotedSlots) {
        const input = rawInputs[slot] as JsonObject;
        const widgetName = (input.widget as JsonObject).name;
        const name = typeof widgetName === 'string' ? widgetName : String(input.name);
        if (name in values) instance.promoted.set(slot, { value: values[name] as JsonValue, control: undefined });
      }
      return;
    }
    if (!Array.isArray(values)) return;

    const properties = raw.properties;
    const proxies = isJsonObject(properties) && Array.isArray(properties.proxyWidgets) ? properties.proxyWidgets : null;
    if (proxies && proxies.length === values.length) {
      proxies.forEach((pair, index) => this.applyProxyWidget(pair, values[index] as JsonValue, rawInputs, instance, prefix));
      return;
    }

    let index = 0;
    for (const slot of promotedSlots) {
      const value = values[index++];
      let control: JsonValue | undefined;
      if (values.length > promotedSlots.length && this.promotedWidgetHasControl(definition, innerLinks, slot)) {
        control = values[index++];
      }
      if (value !== undefined) instance.promoted.set(slot, { value, control });
    }
    if (index !== values.length) {
      instance.promoted.clear();
      this.warnings.add(
        'SUBGRAPH_WIDGET_VALUES_MISMATCH',
        `subgraph instance ${key} stores ${values.length} widget values for ${promotedSlots.length} promoted widgets; the inner widget values are used instead`,
        { key, type },
      );
    }
  }

  private applyProxyWidget(
    pair: JsonValue,
    value: JsonValue,
    rawInputs: JsonObject[],
    instance: InstanceInfo,
    prefix: string,
  ): void {
    if (!Array.isArray(pair) || pair.length < 2) return;
    const innerId = String(pair[0]);
    const widgetName = String(pair[1]);
    if (innerId === '-1') {
      const slot = rawInputs.findIndex((input) => input.name === widgetName);
      if (slot >= 0) instance.promoted.set(slot, { value, control: undefined });
      return;
    }
    const inner = this.nodes.get(`${prefix}${innerId}`);
    if (inner && inner.widgets.has(widgetName)) inner.widgets.set(widgetName, value);
  }

  /** Returns true when the inner widget a subgraph input feeds has a control_after_generate companion. */
  private promotedWidgetHasControl(definition: JsonObject, innerLinks: Map<string, LinkRecord>, slot: number): boolean {
    const subgraphInputs = Array.isArray(definition.inputs) ? definition.inputs : [];
    const subgraphInput = subgraphInputs[slot];
    if (!isJsonObject(subgraphInput) || !Array.isArray(subgraphInput.linkIds)) return false;
    const innerNodes = (Array.isArray(definition.nodes) ? definition.nodes : []).filter(isJsonObject);

    return subgraphInput.linkIds.some((linkId) => {
      const link = innerLinks.get(String(linkId));
      const target = link && innerNodes.find((node) => String(node.id) === link.target);
      if (!link || !target || typeof target.type !== 'string') return false;
      const targetInput = (Array.isArray(target.inputs) ? target.inputs : [])[link.targetSlot];
      const widget = isJsonObject(targetInput) ? targetInput.widget : undefined;
      const widgetName = isJsonObject(widget) ? widget.name : undefined;
      const spec = getNodeTypeSpec(target.type);
      return (spec?.layouts ?? []).some((candidate) =>
        candidate.some((entry, index) => entry.name === widgetName && candidate[index + 1]?.kind === 'control'),
      );
    });
  }

  /**
   * Expands a legacy group node. The definition keeps the inner nodes in execution order and its
   * links as `[fromIndex, fromSlot, toIndex, toSlot, originId, type]`. The group's inputs are the
   * inner inputs not linked inside the group, plain inputs first and converted widgets after.
   * Its outputs are the inner outputs not linked inside it or listed in `external`. Its widgets
   * are the inner widgets in node order (GroupNodeConfig in ComfyUI_frontend).
   */
  private addGroupNode(
    raw: JsonObject,
    key: string,
    type: string,
    inputs: GraphInput[],
    outputs: GraphOutput[],
    definition: JsonObject,
    context: LevelContext,
  ): void {
    const mode = context.inheritedMode ?? toNodeMode(raw.mode);
    const instance: InstanceInfo = { kind: 'GROUP_NODE', name: type, outputs: [], promoted: new Map() };
    this.nodes.set(key, this.instanceNode(raw, key, type, inputs, outputs, mode, instance, context));

    const innerNodes = (Array.isArray(definition.nodes) ? definition.nodes : []).filter(isJsonObject);
    const internal = readGroupLinks(definition.links);
    const external = new Set(
      (Array.isArray(definition.external) ? definition.external : []).flatMap((entry) =>
        Array.isArray(entry) ? [`${String(entry[0])}:${String(entry[1])}`] : [],
      ),
    );

    const inputSlots = mapGroupInputSlots(innerNodes, internal.to);
    const prefix = `${key}:`;
    instance.outputs = innerNodes.flatMap((node, index) =>
      (Array.isArray(node.outputs) ? node.outputs : []).flatMap((_, slot) => {
        const linkedInside = internal.from.has(`${index}:${slot}`);
        return !linkedInside || external.has(`${index}:${slot}`)
          ? [{ kind: 'NODE' as const, key: `${prefix}${index}`, slot }]
          : [];
      }),
    );

    const widgetValues = this.distributeGroupWidgets(raw, key, type, innerNodes, internal);
    const innerContext: LevelContext = {
      prefix,
      path: [...context.path, { instanceId: key, name: type, kind: 'GROUP_NODE' }],
      instanceKey: key,
      inheritedMode: mode === 'ACTIVE' ? null : mode,
      chain: context.chain,
    };

    innerNodes.forEach((node, index) => {
      const innerType = typeof node.type === 'string' ? node.type : '';
      const innerKey = `${prefix}${index}`;
      const innerInputs = (Array.isArray(node.inputs) ? node.inputs : []).filter(isJsonObject).map((input, slot) => {
        const from = internal.to.get(`${index}:${slot}`);
        const externalSlot = inputSlots.get(`${index}:${slot}`);
        let source: Endpoint | null = null;
        if (from) source = { kind: 'NODE', key: `${prefix}${from[0]}`, slot: from[1] };
        else if (externalSlot !== undefined) source = { kind: 'INSTANCE_INPUT', instanceKey: key, slot: externalSlot };
        const widget = input.widget;
        return {
          name: typeof input.name === 'string' ? input.name : '',
          type: typeof input.type === 'string' ? input.type : '*',
          widgetName: isJsonObject(widget) && typeof widget.name === 'string' ? widget.name : null,
          source,
        };
      });
      const innerRaw: JsonObject = { ...node, mode: node.mode ?? 0 };
      this.addPlainNode(innerRaw, innerKey, innerType, innerInputs, readOutputs(node), widgetValues.get(index) ?? node.widgets_values, innerContext);
    });
  }

  /**
   * Splits the group instance's `widgets_values` over the inner nodes. Each inner node owns the
   * positions of its own widgets that are not converted to inputs. Converted widgets that stay
   * unlinked inside the group follow at the end. A primitive node counts only when linked.
   */
  private distributeGroupWidgets(
    raw: JsonObject,
    key: string,
    type: string,
    innerNodes: JsonObject[],
    internal: GroupLinks,
  ): Map<number, JsonValue[]> {
    const result = new Map<number, JsonValue[]>();
    const values = raw.widgets_values;
    if (!Array.isArray(values)) return result;

    // NOTE: positions follow each inner node's stored widgets_values. If a node type gained or lost
    // widgets after the group was made, values shift unless the total count changes too.
    const regular: [number, number][] = [];
    const converted: [number, number][] = [];
    for (const [index, node] of innerNodes.entries()) {
      const positions = groupWidgetPositions(node, index, internal);
      if (positions === null) {
        this.warnings.add(
          'GROUP_NODE_WIDGET_VALUES_MISMATCH',
          `group node ${key} (${type}) contains ${String(node.type)}, whose widget layout is unknown, so its widget values cannot be split; the values stored in the definition are used`,
          { key, type },
        );
        return result;
      }
      regular.push(...positions.regular.map((position): [number, number] => [index, position]));
      converted.push(...positions.converted.map((position): [number, number] => [index, position]));
    }

    const slots = [...regular, ...converted];
    if (slots.length !== values.length) {
      this.warnings.add(
        'GROUP_NODE_WIDGET_VALUES_MISMATCH',
        `group node ${key} (${type}) stores ${values.length} widget values but its inner nodes have ${slots.length} widgets; the values stored in the definition are used`,
        { key, type },
      );
      return result;
    }

    slots.forEach(([index, position], valueIndex) => {
      const node = innerNodes[index] as JsonObject;
      const copy = result.get(index) ?? [...(Array.isArray(node.widgets_values) ? node.widgets_values : [])];
      copy[position] = values[valueIndex] as JsonValue;
      result.set(index, copy);
    });
    return result;
  }

  private instanceNode(
    raw: JsonObject,
    key: string,
    type: string,
    inputs: GraphInput[],
    outputs: GraphOutput[],
    mode: NodeMode,
    instance: InstanceInfo,
    context: LevelContext,
  ): GraphNode {
    return {
      key,
      type,
      title: readTitle(raw, type) ?? (instance.kind === 'SUBGRAPH' ? instance.name : null),
      mode,
      subgraphPath: context.path,
      inputs,
      outputs,
      widgets: new Map(),
      widgetState: 'NONE',
      controlledWidget: null,
      spec: undefined,
      instance,
      scopeKey: context.instanceKey ?? '',
      fromApiFormat: false,
    };
  }
}

function readLink(entry: JsonValue): [string, LinkRecord] | null {
  if (Array.isArray(entry) && entry.length >= 5) {
    const [id, origin, originSlot, target, targetSlot] = entry;
    if (id === undefined || origin === undefined || target === undefined) return null;
    if (typeof originSlot !== 'number' || typeof targetSlot !== 'number') return null;
    return [String(id), { origin: String(origin), originSlot, target: String(target), targetSlot }];
  }
  if (isJsonObject(entry)) {
    const { id, origin_id: origin, origin_slot: originSlot, target_id: target, target_slot: targetSlot } = entry;
    if (id === undefined || origin === undefined || target === undefined) return null;
    if (typeof originSlot !== 'number' || typeof targetSlot !== 'number') return null;
    return [String(id), { origin: String(origin), originSlot, target: String(target), targetSlot }];
  }
  return null;
}

function readOutputs(raw: JsonObject): GraphOutput[] {
  const rawOutputs = Array.isArray(raw.outputs) ? raw.outputs : [];
  return rawOutputs.filter(isJsonObject).map((output) => ({
    name: typeof output.name === 'string' ? output.name : '',
    type: typeof output.type === 'string' ? output.type : '*',
  }));
}

function readTitle(raw: JsonObject, type: string): string | null {
  return typeof raw.title === 'string' && raw.title !== type ? raw.title : null;
}

function isUuid(type: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(type);
}

/** Finds, per subgraph output, the inner link whose target is the output node (-20). */
function readSubgraphOutputs(
  definition: JsonObject,
  innerLinks: Map<string, LinkRecord>,
  prefix: string,
  instanceKey: string,
): (Endpoint | null)[] {
  const subgraphOutputs = Array.isArray(definition.outputs) ? definition.outputs : [];
  return subgraphOutputs.map((_, slot) => {
    const link = [...innerLinks.values()].find(
      (candidate) => candidate.target === SUBGRAPH_OUTPUT_NODE_ID && candidate.targetSlot === slot,
    );
    if (!link) return null;
    if (link.origin === SUBGRAPH_INPUT_NODE_ID) return { kind: 'INSTANCE_INPUT', instanceKey, slot: link.originSlot };
    return { kind: 'NODE', key: `${prefix}${link.origin}`, slot: link.originSlot };
  });
}

interface GroupLinks {
  /** `toIndex:toSlot` → [fromIndex, fromSlot] */
  to: Map<string, [number, number]>;
  /** `fromIndex:fromSlot` of every internal link */
  from: Set<string>;
}

function readGroupLinks(raw: JsonValue | undefined): GroupLinks {
  const to = new Map<string, [number, number]>();
  const from = new Set<string>();
  for (const entry of Array.isArray(raw) ? raw : []) {
    if (!Array.isArray(entry)) continue;
    const [fromIndex, fromSlot, toIndex, toSlot] = entry;
    // Links leaving the copied selection have no source index.
    if (typeof fromIndex !== 'number' || typeof fromSlot !== 'number') continue;
    if (typeof toIndex !== 'number' || typeof toSlot !== 'number') continue;
    to.set(`${toIndex}:${toSlot}`, [fromIndex, fromSlot]);
    from.add(`${fromIndex}:${fromSlot}`);
  }
  return { to, from };
}

function mapGroupInputSlots(innerNodes: JsonObject[], linkedInside: Map<string, [number, number]>): Map<string, number> {
  const slots = new Map<string, number>();
  let next = 0;
  for (const convertedPass of [false, true]) {
    innerNodes.forEach((node, index) => {
      (Array.isArray(node.inputs) ? node.inputs : []).forEach((input, slot) => {
        if (!isJsonObject(input)) return;
        const isConverted = isJsonObject(input.widget);
        if (isConverted !== convertedPass || linkedInside.has(`${index}:${slot}`)) return;
        slots.set(`${index}:${slot}`, next++);
      });
    });
  }
  return slots;
}

/** Returns the positions in an inner node's widgets_values that the group instance stores, or null when unknown. */
function groupWidgetPositions(
  node: JsonObject,
  index: number,
  internal: GroupLinks,
): { regular: number[]; converted: number[] } | null {
  const own = Array.isArray(node.widgets_values) ? node.widgets_values : [];
  const type = typeof node.type === 'string' ? node.type : '';
  if (type === 'PrimitiveNode') {
    const linked = [...internal.from].some((entry) => entry.startsWith(`${index}:`));
    return { regular: linked ? own.map((_, position) => position) : [], converted: [] };
  }

  const inputs = (Array.isArray(node.inputs) ? node.inputs : []).filter(isJsonObject);
  const convertedInputs = inputs.flatMap((input, slot) => {
    const widget = input.widget;
    return isJsonObject(widget) && typeof widget.name === 'string' ? [{ name: widget.name, slot }] : [];
  });
  if (convertedInputs.length === 0) return { regular: own.map((_, position) => position), converted: [] };

  const spec = getNodeTypeSpec(type);
  const chosen = spec ? matchLayout(spec, own) : undefined;
  if (!chosen) return null;

  const convertedNames = new Set(convertedInputs.map((entry) => entry.name));
  const regular: number[] = [];
  const converted: number[] = [];
  chosen.forEach((widget, position) => {
    const owner = widget.kind === 'control' ? chosen[position - 1]?.name : widget.name;
    if (owner === undefined || !convertedNames.has(owner)) {
      regular.push(position);
      return;
    }
    const entry = convertedInputs.find((candidate) => candidate.name === owner);
    if (widget.kind !== 'control' && entry && !internal.to.has(`${index}:${entry.slot}`)) converted.push(position);
  });
  return { regular, converted };
}
