import type {
  AlignmentResolvers,
  ModelAlignmentResolvers,
  ParameterAlignmentResolvers,
  WorkflowFaceConsistencyResolvers,
  WorkflowLatentResolvers,
  WorkflowModelResolvers,
  WorkflowNodeResolvers,
  WorkflowResolvers,
  WorkflowSamplerResolvers,
  WorkflowValueResolvers,
} from '../src/generated/resolvers-types.js';
import { flattenWorkflowParameters } from '../src/loaders/workflow-parameters.js';

export const Workflow: WorkflowResolvers = {
  title: (workflow) => workflow.listing?.title ?? null,
  category: (workflow) => workflow.listing?.category ?? null,
  unavailableReason: (workflow) => (workflow.available ? null : workflow.reason),
  format: (workflow) => {
    if (!workflow.available) {
      return null;
    }
    return workflow.format === 'UI' ? 'GRAPH' : 'API';
  },
  formatVersion: (workflow) => (workflow.available ? workflow.formatVersion : null),
  nodeTypes: (workflow) => (workflow.available ? workflow.nodeTypes : []),
  nodes: (workflow) => (workflow.available ? workflow.nodes : []),
  models: (workflow) => (workflow.available ? workflow.models : []),
  samplers: (workflow) => (workflow.available ? workflow.samplers : []),
  primarySamplerId: (workflow) => (workflow.available ? workflow.primarySamplerId : null),
  loras: (workflow) => (workflow.available ? workflow.loras : []),
  latents: (workflow) => (workflow.available ? workflow.latents : []),
  faceConsistency: (workflow) => (workflow.available ? workflow.faceConsistency : []),
  parameters: (workflow) => (workflow.available ? flattenWorkflowParameters(workflow) : []),
  mutedNodeIds: (workflow) => (workflow.available ? workflow.mutedNodeIds : []),
  bypassedNodeIds: (workflow) => (workflow.available ? workflow.bypassedNodeIds : []),
  warnings: (workflow) => (workflow.available ? workflow.warnings : []),
  mappings: (workflow, _args, { services }) => [...(services.catalog.mappingsByWorkflow.get(workflow.slug) ?? [])],
};

export const WorkflowNode: WorkflowNodeResolvers = {
  subgraphPath: (node) => node.subgraphPath.map((step) => step.instanceId),
};

export const WorkflowModel: WorkflowModelResolvers = {};

export const WorkflowValue: WorkflowValueResolvers = {};

export const WorkflowSampler: WorkflowSamplerResolvers = {
  type: (sampler) => sampler.nodeType,
};

export const WorkflowLatent: WorkflowLatentResolvers = {
  type: (latent) => latent.nodeType,
};

export const WorkflowFaceConsistency: WorkflowFaceConsistencyResolvers = {};

export const ParameterAlignment: ParameterAlignmentResolvers = {
  name: (parameter) => parameter.parameter,
};

export const ModelAlignment: ModelAlignmentResolvers = {
  endpointFamily: (model) => model.endpointFamily?.label ?? null,
  workflowFamily: (model) => model.workflowFamily?.label ?? null,
};

export const Alignment: AlignmentResolvers = {
  workflowSlug: (alignment) => alignment.workflow,
  relation: (alignment) => alignment.relation as 'SAME_CONCEPT',
  compared: (alignment) => alignment.status === 'COMPARED',
  modelDifference: (alignment) => (alignment.model && !alignment.model.same ? alignment.model.verdict : null),
};
