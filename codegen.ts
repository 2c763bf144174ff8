import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Generates resolver types from schema.graphql into src/generated/. The test command fails when
 * the committed output differs from a fresh run, so run `npm run codegen` after any schema change.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    [process.env.CODEGEN_OUTPUT ?? 'src/generated/resolvers-types.ts']: {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        contextType: '../server/context.js#GatewayContext',
        enumsAsTypes: true,
        strictScalars: true,
        scalars: {
          DateTime: { input: 'Date', output: 'Date | string' },
          JSON: { input: 'unknown', output: 'unknown' },
          JSONObject: { input: 'Record<string, unknown>', output: 'Record<string, unknown>' },
        },
        mappers: {
          Endpoint: '../catalog/schema.js#EndpointFacts',
          EndpointInput: '../catalog/schema.js#EndpointInputFacts',
          EndpointOutput: '../catalog/schema.js#EndpointFacts',
          TierExplanation: '../policy/classification.js#TierDecision',
          Lifecycle: '../catalog/catalog.js#LifecycleFacts',
          RemovedEndpoint: '../catalog/catalog.js#RemovedEndpointFacts',
          Mapping: '../catalog/schema.js#MappingFacts',
          GapGroup: '../catalog/catalog.js#GapGroupFacts',
          InternalQuery: '../server/context.js#InternalRoot',
          Generation: '../store/index.js#GenerationRecord',
          Artifact: '../store/index.js#ArtifactRecord',
          Rating: '../store/index.js#RatingRecord',
          Workflow: '../loaders/workflows.js#WorkflowView',
          Alignment: '../loaders/workflows.js#AlignmentView',
          WorkflowValue: '../workflows/index.js#ResolvedValue',
          WorkflowNode: '../workflows/index.js#NodeSummary',
          WorkflowModel: '../workflows/index.js#ModelRef',
          WorkflowSampler: '../workflows/index.js#SamplerSummary',
          WorkflowLora: '../workflows/index.js#LoraSummary',
          WorkflowLatent: '../workflows/index.js#LatentSummary',
          WorkflowFaceConsistency: '../workflows/index.js#FaceSummary',
          WorkflowWarning: '../loaders/workflows.js#WorkflowWarningFacts',
          ParameterAlignment: '../loaders/workflows.js#ParameterAlignmentFacts',
          ModelAlignment: '../loaders/workflows.js#ModelAlignmentFacts',
        },
      },
    },
  },
};

export default config;
