/**
 * The flattened graph both workflow formats are read into, the widget naming shared by them,
 * and the reader for the API (prompt) format.
 *
 * Every node gets an execution id as ComfyUI assigns it: the node id, prefixed by the ids of
 * the subgraph instances or group nodes around it (`12:5`). Inputs point at an endpoint: either
 * an output slot of another node, or an input slot of the instance the node sits in.
 */
import { isJsonObject, type JsonObject, type JsonValue } from './exact-json.js';
import { getNodeTypeSpec, type NodeTypeSpec, type WidgetKind, type WidgetSpec } from './node-types.js';
import type { NodeMode, SubgraphStep, WorkflowWarning, WorkflowWarningCode } from './types.js';

/** Source of an input's value. */
export type Endpoint =
  | { kind: 'NODE'; key: string; slot: number }
  | { kind: 'INSTANCE_INPUT'; instanceKey: string; slot: number };

export interface GraphInput {
  name: string;
  /** Slot type such as `MODEL` or `INT`, or `*` when the file gives none. */
  type: string;
  /** The widget this input replaces (a converted or promoted widget), otherwise null. */
  widgetName: string | null;
  source: Endpoint | null;
}

export interface GraphOutput {
  name: string;
  type: string;
}

/** Outcome of naming a node's widget values. */
export type WidgetState = 'NONE' | 'LAYOUT' | 'NAMED' | 'UNKNOWN_TYPE' | 'UNKNOWN_LAYOUT' | 'MISSING';

/** A subgraph instance or legacy group node, expanded into the nodes it contains. */
export interface InstanceInfo {
  kind: 'SUBGRAPH' | 'GROUP_NODE';
  name: string;
  /** Per output slot of the instance, the inner endpoint that feeds it. */
  outputs: (Endpoint | null)[];
  /** Per input slot, the value typed into the promoted widget on the instance. */
  promoted: Map<number, { value: JsonValue; control: JsonValue | undefined }>;
}

export interface GraphNode {
  key: string;
  type: string;
  title: string | null;
  /** Mode after inheriting a muted or bypassed instance's mode. */
  mode: NodeMode;
  subgraphPath: SubgraphStep[];
  inputs: GraphInput[];
  outputs: GraphOutput[];
  /** Widget values by name. Unknown node types keep their positional values under "0", "1"... */
  widgets: Map<string, JsonValue>;
  widgetState: WidgetState;
  /** The widget whose `control_after_generate` companion the layout stores, if any. */
  controlledWidget: string | null;
  spec: NodeTypeSpec | undefined;
  instance: InstanceInfo | null;
  /** Key of the instance containing this node, or '' at the root. */
  scopeKey: string;
  /** True for nodes read from the API format, whose inputs are named by the file itself. */
  fromApiFormat: boolean;
}

/** A workflow read into nodes keyed by execution id, in file order. */
export interface Graph {
  format: 'UI' | 'API';
  formatVersion: string | null;
  nodes: Map<string, GraphNode>;
  warnings: WarningList;
}

/** Collects warnings once per distinct message. */
export class WarningList {
  private readonly seen = new Set<string>();
  readonly items: WorkflowWarning[] = [];

  add(code: WorkflowWarningCode, message: string, node?: { key: string; type: string } | null): void {
    const entry: WorkflowWarning = { code, message, nodeId: node?.key ?? null, nodeType: node?.type ?? null };
    const identity = `${code}|${entry.nodeId ?? ''}|${message}`;
    if (this.seen.has(identity)) return;
    this.seen.add(identity);
    this.items.push(entry);
  }
}

const CONTROL_VALUES = new Set(['fixed', 'randomize', 'increment', 'decrement']);

/** Converts a LiteGraph mode number to a node mode; modes 1 and 3 (event triggers) run like 0. */
export function toNodeMode(raw: JsonValue | undefined): NodeMode {
  if (raw === 2) return 'MUTED';
  if (raw === 4) return 'BYPASSED';
  return 'ACTIVE';
}

/** Returns true when `value` fits the widget kind. */
export function fitsWidgetKind(value: JsonValue | undefined, kind: WidgetKind): boolean {
  switch (kind) {
    case 'int':
      return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
    case 'number':
      return typeof value === 'bigint' || typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'control':
      return value === null || value === '' || (typeof value === 'string' && CONTROL_VALUES.has(value));
    case 'any':
      return value !== undefined;
  }
}

/** Picks the layout whose length and value kinds fit `values`, newest layout first. */
export function matchLayout(spec: NodeTypeSpec, values: readonly JsonValue[]): WidgetSpec[] | undefined {
  return spec.layouts.find(
    (candidate) =>
      candidate.length === values.length && candidate.every((widget, index) => fitsWidgetKind(values[index], widget.kind)),
  );
}

export interface NamedWidgets {
  widgets: Map<string, JsonValue>;
  state: WidgetState;
  controlledWidget: string | null;
}

/**
 * Names a UI node's widget values with the layout table. Reports unknown types and layouts
 * that fit none of the known versions instead of guessing their names.
 */
export function nameWidgetValues(
  node: { key: string; type: string },
  spec: NodeTypeSpec | undefined,
  raw: JsonValue | undefined,
  warnings: WarningList,
  reportUnknownType = true,
): NamedWidgets {
  if (isJsonObject(raw)) {
    return { widgets: new Map(Object.entries(raw)), state: 'NAMED', controlledWidget: null };
  }

  const values = Array.isArray(raw) ? raw : null;
  if (!spec) {
    if (!reportUnknownType) return { widgets: positional(values ?? []), state: 'UNKNOWN_TYPE', controlledWidget: null };
    warnings.add('UNKNOWN_NODE_TYPE', `node type "${node.type}" is not in the widget layout table; its values are not read`, node);
    return { widgets: positional(values ?? []), state: 'UNKNOWN_TYPE', controlledWidget: null };
  }

  const isPassive = spec.roles.every((role) => role.role === 'PASSIVE');
  if (isPassive) return { widgets: new Map(), state: 'NONE', controlledWidget: null };

  if (values === null) {
    if (spec.layouts.length === 0) return { widgets: new Map(), state: 'NONE', controlledWidget: null };
    warnings.add(
      'MISSING_WIDGET_VALUES',
      `node ${describeNode(node)} has no widgets_values; its settings are unknown (ComfyUI would use the node defaults)`,
      node,
    );
    return { widgets: new Map(), state: 'MISSING', controlledWidget: null };
  }

  if (spec.layouts.length === 0 && values.length === 0 && !spec.namedValues) {
    return { widgets: new Map(), state: 'NONE', controlledWidget: null };
  }

  const chosen = matchLayout(spec, values);
  if (!chosen) {
    const expected = spec.namedValues
      ? 'widgets_values as an object keyed by widget name'
      : `${[...new Set(spec.layouts.map((candidate) => candidate.length))].join(' or ')} values`;
    warnings.add(
      'UNKNOWN_WIDGET_LAYOUT',
      `node ${describeNode(node)} stores ${values.length} widget values in a layout this parser does not know (expected ${expected}); its values are not read`,
      node,
    );
    return { widgets: positional(values), state: 'UNKNOWN_LAYOUT', controlledWidget: null };
  }

  const widgets = new Map<string, JsonValue>();
  let controlledWidget: string | null = null;
  chosen.forEach((widget, index) => {
    widgets.set(widget.name, values[index] as JsonValue);
    if (widget.kind === 'control' && index > 0) controlledWidget = chosen[index - 1]?.name ?? null;
  });
  return { widgets, state: 'LAYOUT', controlledWidget };
}

function positional(values: readonly JsonValue[]): Map<string, JsonValue> {
  return new Map(values.map((value, index) => [String(index), value]));
}

/** Formats a node for messages: `KSampler #3`, `KSampler #3 "Base pass"` or `subgraph "Upscale" #12`. */
export function describeNode(node: {
  key: string;
  type: string;
  title?: string | null;
  instance?: InstanceInfo | null;
}): string {
  if (node.instance?.kind === 'SUBGRAPH') {
    const title = node.title && node.title !== node.instance.name ? ` "${node.title}"` : '';
    return `subgraph "${node.instance.name}" #${node.key}${title}`;
  }
  const title = node.title ? ` "${node.title}"` : '';
  return `${node.type} #${node.key}${title}`;
}

/** Reads the API (prompt) format: `{ "3": { "class_type": "KSampler", "inputs": {...} } }`. */
export function buildApiGraph(root: JsonObject): Graph {
  const warnings = new WarningList();
  const nodes = new Map<string, GraphNode>();

  for (const [key, entry] of Object.entries(root)) {
    if (!isJsonObject(entry) || typeof entry.class_type !== 'string') continue;
    const type = entry.class_type;
    const spec = getNodeTypeSpec(type);
    const meta = entry._meta;
    const title = isJsonObject(meta) && typeof meta.title === 'string' && meta.title !== type ? meta.title : null;

    const inputs: GraphInput[] = [];
    const widgets = new Map<string, JsonValue>();
    const rawInputs = isJsonObject(entry.inputs) ? entry.inputs : {};
    for (const [name, value] of Object.entries(rawInputs)) {
      const link = asApiLink(value);
      if (link) inputs.push({ name, type: '*', widgetName: name, source: { kind: 'NODE', key: link[0], slot: link[1] } });
      else widgets.set(name, value);
    }

    if (!spec) warnings.add('UNKNOWN_NODE_TYPE', `node type "${type}" is not in the widget layout table; its role is unknown`, { key, type });
    nodes.set(key, {
      key,
      type,
      title,
      mode: 'ACTIVE',
      subgraphPath: [],
      inputs,
      outputs: [],
      widgets,
      widgetState: spec ? 'NAMED' : 'UNKNOWN_TYPE',
      controlledWidget: null,
      spec,
      instance: null,
      scopeKey: '',
      fromApiFormat: true,
    });
  }

  return { format: 'API', formatVersion: null, nodes, warnings };
}

/** In the API format a link is `[sourceNodeId, outputSlot]`. */
function asApiLink(value: JsonValue): [string, number] | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [source, slot] = value;
  if ((typeof source !== 'string' && typeof source !== 'number') || typeof slot !== 'number' || !Number.isInteger(slot)) return null;
  return [String(source), slot];
}

/** Returns true when every member of `value` looks like an API-format node. */
export function looksLikeApiPrompt(value: JsonValue | undefined): value is JsonObject {
  if (!isJsonObject(value)) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((entry) => isJsonObject(entry) && typeof entry.class_type === 'string');
}
