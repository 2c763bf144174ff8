/**
 * All resolvers, one file per GraphQL type. Resolvers stay thin: they read arguments, call a
 * service or loader from the context, and shape the result.
 */
import type { Resolvers } from '../src/generated/resolvers-types.js';
import { Endpoint, EndpointOutput, TierExplanation } from './Endpoint.js';
import { EndpointInput } from './EndpointInput.js';
import { Artifact, Generation } from './Generation.js';
import { GapGroup, InternalQuery, Mapping } from './InternalQuery.js';
import { Mutation } from './Mutation.js';
import { OpsInternalQuery } from './Ops.js';
import { Query } from './Query.js';
import { scalarResolvers } from './scalars.js';
import {
  Alignment,
  ModelAlignment,
  ParameterAlignment,
  Workflow,
  WorkflowFaceConsistency,
  WorkflowLatent,
  WorkflowModel,
  WorkflowNode,
  WorkflowSampler,
  WorkflowValue,
} from './Workflow.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Mutation,
  InternalQuery: { ...InternalQuery, ...OpsInternalQuery },
  Endpoint,
  EndpointInput,
  EndpointOutput,
  TierExplanation,
  Mapping,
  GapGroup,
  Generation,
  Artifact,
  Workflow,
  WorkflowNode,
  WorkflowModel,
  WorkflowValue,
  WorkflowSampler,
  WorkflowLatent,
  WorkflowFaceConsistency,
  ParameterAlignment,
  ModelAlignment,
  Alignment,
};
