import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EndpointFacts, EndpointInputFacts, MappingFacts } from '../catalog/schema.js';
import type { TierDecision } from '../policy/classification.js';
import type { LifecycleFacts, RemovedEndpointFacts, GapGroupFacts } from '../catalog/catalog.js';
import type { InternalRoot, GatewayContext } from '../server/context.js';
import type { GenerationRecord, ArtifactRecord, RatingRecord } from '../store/index.js';
import type { WorkflowView, AlignmentView, WorkflowWarningFacts, ParameterAlignmentFacts, ModelAlignmentFacts } from '../loaders/workflows.js';
import type { ResolvedValue, NodeSummary, ModelRef, SamplerSummary, LoraSummary, LatentSummary, FaceSummary } from '../workflows/index.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time, serialised as an ISO 8601 string in UTC. */
  DateTime: { input: Date; output: Date | string; }
  /** Any JSON value. Integers above 2^53 - 1 are written as decimal strings. */
  JSON: { input: unknown; output: unknown; }
  /** A JSON object. Integers above 2^53 - 1 are written as decimal strings. */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

/** An endpoint's defaults compared with one mapped workflow's effective values. */
export type Alignment = {
  __typename?: 'Alignment';
  /** False when no workflow is mapped or its file is unavailable. */
  compared: Scalars['Boolean']['output'];
  /** How far apart the two are; null when nothing was compared. */
  distance?: Maybe<Scalars['Float']['output']>;
  endpoint: Scalars['String']['output'];
  /** Parameters that differ or exist on one side only, not counting differences the model explains. */
  gapCount: Scalars['Int']['output'];
  model?: Maybe<ModelAlignment>;
  /** Set when the endpoint and the workflow run different models, so some differences are expected. */
  modelDifference?: Maybe<Scalars['String']['output']>;
  parameters: Array<ParameterAlignment>;
  relation: MappingRelation;
  summary: Scalars['String']['output'];
  unavailableReason?: Maybe<Scalars['String']['output']>;
  workflowSlug?: Maybe<Scalars['String']['output']>;
};

export type AlignmentStatus =
  | 'DIFFERENT'
  | 'ONLY_ENDPOINT'
  | 'ONLY_WORKFLOW'
  /** The workflow's value is only known at run time, such as a randomised seed. */
  | 'RUNTIME'
  | 'SAME';

/** One output file of a generation, served by the gateway at `url`. */
export type Artifact = {
  __typename?: 'Artifact';
  byteSize: Scalars['Int']['output'];
  /** The Content-Type the endpoint declared. */
  declaredContentType?: Maybe<Scalars['String']['output']>;
  height?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  /** The media type detected from the bytes. */
  mediaType: Scalars['String']['output'];
  sha256: Scalars['String']['output'];
  /** Path on the gateway, such as `/artifacts/art_1`; send the same API key to download it. */
  url: Scalars['String']['output'];
  width?: Maybe<Scalars['Int']['output']>;
};

export type BreachMetric =
  | 'P95_DURATION'
  | 'RATING_MEAN'
  | 'SUCCESS_RATE';

/** One threshold that an endpoint breaches. */
export type BreachReason = {
  __typename?: 'BreachReason';
  actual: Scalars['Float']['output'];
  message: Scalars['String']['output'];
  metric: BreachMetric;
  threshold: Scalars['Float']['output'];
};

export type CancelGenerationPayload = {
  __typename?: 'CancelGenerationPayload';
  generation?: Maybe<Generation>;
  userErrors: Array<UserError>;
};

/** What makes an endpoint serve the app directly, derived from its declared inputs. */
export type Classification =
  /** It takes a LoRA. */
  | 'LORA'
  /** It takes neither: plain text to image or video. */
  | 'NEITHER'
  /** It takes a reference image or video. */
  | 'REFERENCE'
  /** It takes both a reference and a LoRA. */
  | 'REFERENCE_AND_LORA';

export type CreateGenerationInput = {
  /** The endpoint's path, such as `/flux-pulid`. */
  endpoint: Scalars['String']['input'];
  /** A key of the caller's choosing; the same key and input return the same generation. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /**
   * The endpoint's inputs by name, as listed in `capabilities`. Media are base64 or data URLs.
   * Seeds above 2^53 - 1 must be decimal strings, because JSON numbers lose their digits there.
   */
  inputs: Scalars['JSONObject']['input'];
};

export type CreateGenerationPayload = {
  __typename?: 'CreateGenerationPayload';
  generation?: Maybe<Generation>;
  userErrors: Array<UserError>;
};

/** A generation endpoint on Modal. */
export type Endpoint = {
  __typename?: 'Endpoint';
  alignments: Array<Alignment>;
  /** The Modal app that serves the endpoint. */
  app: Scalars['String']['output'];
  classification: Classification;
  /** How long the gateway waits for a result before it ends the generation as TIMED_OUT. */
  clientDeadlineSeconds: Scalars['Int']['output'];
  gpu: Scalars['String']['output'];
  inputs: Array<EndpointInput>;
  lifecycle: Lifecycle;
  /** Names of the inputs that select a LoRA. */
  loraInputs: Array<Scalars['String']['output']>;
  mappings: Array<Mapping>;
  maxConcurrentInputs: Scalars['Int']['output'];
  modality: Modality;
  /** Known facts that look like defects, and other operator notes. */
  notes: Array<Scalars['String']['output']>;
  output: EndpointOutput;
  /** The endpoint's path, such as `/flux-pulid`. */
  path: Scalars['String']['output'];
  purpose: Scalars['String']['output'];
  /** Names of the inputs that carry the reference media. */
  referenceInputs: Array<Scalars['String']['output']>;
  serverTimeoutSeconds: Scalars['Int']['output'];
  tier: Tier;
  tierExplanation: TierExplanation;
  /** One line that says why the endpoint has its tier. */
  tierReason: Scalars['String']['output'];
};

/** An endpoint that breaches at least one quality threshold. */
export type EndpointBreach = {
  __typename?: 'EndpointBreach';
  endpoint: Scalars['String']['output'];
  reasons: Array<BreachReason>;
  stats: EndpointStats;
};

/** One input an endpoint accepts, with everything needed to build a form for it. */
export type EndpointInput = {
  __typename?: 'EndpointInput';
  /** Media types accepted for media inputs, detected from the bytes. */
  acceptedMediaTypes?: Maybe<Array<Scalars['String']['output']>>;
  /** The only values accepted, when the input is an enumeration. */
  allowedValues?: Maybe<Array<Scalars['String']['output']>>;
  /** The value the endpoint applies when the input is omitted. Seeds are decimal strings because they run to 2^64 - 1. */
  default?: Maybe<Scalars['JSON']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  /** True for the input that names the LoRA. */
  isLora: Scalars['Boolean']['output'];
  /** True for the reference image or video that makes the endpoint reference-driven. */
  isReference: Scalars['Boolean']['output'];
  /** Inclusive upper bound for numbers and integers; a decimal string for seeds. */
  max?: Maybe<Scalars['JSON']['output']>;
  /** Largest accepted decoded size in bytes, for media inputs. */
  maxBytes?: Maybe<Scalars['Int']['output']>;
  maxItems?: Maybe<Scalars['Int']['output']>;
  maxLength?: Maybe<Scalars['Int']['output']>;
  media?: Maybe<MediaKind>;
  /** Inclusive lower bound for numbers and integers; a decimal string for seeds. */
  min?: Maybe<Scalars['JSON']['output']>;
  minItems?: Maybe<Scalars['Int']['output']>;
  name: Scalars['String']['output'];
  required: Scalars['Boolean']['output'];
  role: InputRole;
  type: InputType;
};

export type EndpointLastError = {
  __typename?: 'EndpointLastError';
  at: Scalars['DateTime']['output'];
  code: Scalars['String']['output'];
  generationId: Scalars['ID']['output'];
  message: Scalars['String']['output'];
  upstreamDetail?: Maybe<Scalars['String']['output']>;
  upstreamStatus?: Maybe<Scalars['Int']['output']>;
};

export type EndpointOutput = {
  __typename?: 'EndpointOutput';
  /** The Content-Type header the endpoint declares, which is often wrong. */
  declaredContentType: Scalars['String']['output'];
  /** The real media type of the output, detected from the bytes the endpoint sends. */
  mediaType: Scalars['String']['output'];
};

/** Statistics of one endpoint over a time window, from stored generations and ratings. */
export type EndpointStats = {
  __typename?: 'EndpointStats';
  app: Scalars['String']['output'];
  canceled: Scalars['Int']['output'];
  /** coldStarts divided by the dispatched generations whose cold-start flag is known. */
  coldStartShare?: Maybe<Scalars['Float']['output']>;
  /** Generations sent when their app had been idle longer than its scale-down window. */
  coldStarts: Scalars['Int']['output'];
  /** Generations that reported a cost. */
  costReported: Scalars['Int']['output'];
  /** Sum of the cost Modal reported (X-Cost-USD); null when no generation reported one. */
  costUsd?: Maybe<Scalars['Float']['output']>;
  /** Generations that were sent to Modal and not canceled: the denominator of the success rate. */
  dispatched: Scalars['Int']['output'];
  endpoint: Scalars['String']['output'];
  failed: Scalars['Int']['output'];
  /** Generations that finished in the window, in any terminal state. */
  finished: Scalars['Int']['output'];
  /** The most recent FAILED or TIMED_OUT generation in the window. */
  lastError?: Maybe<EndpointLastError>;
  /** Median time from dispatch to finish of succeeded generations, in milliseconds (nearest rank). */
  p50DurationMs?: Maybe<Scalars['Int']['output']>;
  /** 95th percentile time from dispatch to finish of succeeded generations, in milliseconds (nearest rank). */
  p95DurationMs?: Maybe<Scalars['Int']['output']>;
  /** Ratings created in the window, for the endpoint or one of its generations. */
  ratingCount: Scalars['Int']['output'];
  ratingMean?: Maybe<Scalars['Float']['output']>;
  since: Scalars['DateTime']['output'];
  succeeded: Scalars['Int']['output'];
  /** succeeded / dispatched; null when nothing was dispatched. */
  successRate?: Maybe<Scalars['Float']['output']>;
  timedOut: Scalars['Int']['output'];
  until: Scalars['DateTime']['output'];
};

/** A group of the gap summary: endpoints that share one next action. */
export type GapGroup = {
  __typename?: 'GapGroup';
  action: Scalars['String']['output'];
  endpoints: Array<Scalars['String']['output']>;
  key: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

export type Generation = {
  __typename?: 'Generation';
  /** The defaults the endpoint applies to inputs the caller left out. */
  appliedDefaults: Scalars['JSONObject']['output'];
  artifacts: Array<Artifact>;
  cost?: Maybe<GenerationCost>;
  createdAt: Scalars['DateTime']['output'];
  /** When the gateway stops waiting and ends the generation as TIMED_OUT. */
  deadlineAt: Scalars['DateTime']['output'];
  endpoint: Scalars['String']['output'];
  error?: Maybe<GenerationError>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 303 result-URL hops followed. */
  hops: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  idempotencyKey?: Maybe<Scalars['String']['output']>;
  /** The inputs as validated; media appear as their type, size and SHA-256. */
  inputs: Scalars['JSONObject']['output'];
  /** Fingerprint of the API key that created the generation. */
  ownerId: Scalars['String']['output'];
  queueMs?: Maybe<Scalars['Int']['output']>;
  /** The Modal result URL, once Modal has accepted the job. */
  resultUrl?: Maybe<Scalars['String']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: GenerationStatus;
  /** Why the generation is in its state; set for every terminal state. */
  statusReason?: Maybe<Scalars['String']['output']>;
  upstreamLatencyMs?: Maybe<Scalars['Int']['output']>;
  /** POST requests sent upstream; more than 1 would mean a duplicate GPU job. */
  upstreamPosts: Scalars['Int']['output'];
};

export type GenerationConnection = {
  __typename?: 'GenerationConnection';
  edges: Array<GenerationEdge>;
  nodes: Array<Generation>;
  pageInfo: PageInfo;
};

/** Cost and timing reported by Modal, when it sends them. */
export type GenerationCost = {
  __typename?: 'GenerationCost';
  executionTimeSeconds?: Maybe<Scalars['Float']['output']>;
  gpuType?: Maybe<Scalars['String']['output']>;
  usd?: Maybe<Scalars['Float']['output']>;
};

export type GenerationEdge = {
  __typename?: 'GenerationEdge';
  cursor: Scalars['String']['output'];
  node: Generation;
};

export type GenerationError = {
  __typename?: 'GenerationError';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** The endpoint's own error text. */
  upstreamDetail?: Maybe<Scalars['String']['output']>;
  /** HTTP status the endpoint answered with. */
  upstreamStatus?: Maybe<Scalars['Int']['output']>;
};

export type GenerationFilter = {
  createdAfter?: InputMaybe<Scalars['DateTime']['input']>;
  createdBefore?: InputMaybe<Scalars['DateTime']['input']>;
  endpoint?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<GenerationStatus>>;
};

export type GenerationStatus =
  | 'CANCELED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'TIMED_OUT';

/** What an input does for the generation. */
export type InputRole =
  | 'FACE_RESTORE'
  | 'FLAG'
  | 'LORA'
  | 'LORA_STRENGTH'
  | 'MASK'
  | 'MODEL'
  | 'NEGATIVE_PROMPT'
  | 'PROMPT'
  | 'REFERENCE'
  | 'SAMPLER'
  | 'SEED'
  | 'SIZE'
  | 'STRENGTH'
  | 'TIMING'
  | 'TRIGGER_WORD'
  | 'UPSCALE';

export type InputType =
  | 'BOOLEAN'
  | 'INTEGER'
  /** Base64 media, as a data URL or plain base64. */
  | 'MEDIA'
  /** A list of base64 media. */
  | 'MEDIA_LIST'
  | 'NUMBER'
  | 'STRING'
  | 'STRING_LIST';

export type InternalQuery = {
  __typename?: 'InternalQuery';
  /** The endpoint's defaults against each mapped workflow. */
  alignment: Array<Alignment>;
  /** Every mapping's alignment, the furthest apart first. */
  alignmentOverview: Array<Alignment>;
  /** Any endpoint by path. */
  endpoint?: Maybe<Endpoint>;
  /**
   * Endpoints whose statistics in the window breach a threshold, the most reasons first. A
   * metric is judged only with at least `minGenerations` generations or `minRatings` ratings.
   */
  endpointBreaches: Array<EndpointBreach>;
  /**
   * Statistics of the generations that finished in the window [since, until), one entry per
   * endpoint, sorted by path. The window defaults to the 24 hours before `until` (default now)
   * and may span at most 31 days.
   */
  endpointStats: Array<EndpointStats>;
  /** Every endpoint of the catalog, optionally of one tier. */
  endpoints: Array<Endpoint>;
  gapSummary: Array<GapGroup>;
  mappings: Array<Mapping>;
  /** Quality ratings, newest first. */
  ratings: Array<Rating>;
  removedEndpoints: Array<RemovedEndpoint>;
  /**
   * The result of GET /health on every Modal app, probed concurrently with a short timeout.
   * A round is cached for PROBE_CACHE_SECONDS, and callers that arrive while one runs share it.
   * `refresh` skips the cache; leave it unset on dashboards that poll.
   */
  upstreamHealth: UpstreamHealth;
  workflow?: Maybe<Workflow>;
  /** Workflow files in the workflows folder, optionally of one RunComfy category. */
  workflows: Array<Workflow>;
};


export type InternalQueryAlignmentArgs = {
  endpoint: Scalars['String']['input'];
};


export type InternalQueryEndpointArgs = {
  path: Scalars['String']['input'];
};


export type InternalQueryEndpointBreachesArgs = {
  maxP95Seconds?: InputMaybe<Scalars['Float']['input']>;
  minGenerations?: InputMaybe<Scalars['Int']['input']>;
  minRatingMean?: InputMaybe<Scalars['Float']['input']>;
  minRatings?: InputMaybe<Scalars['Int']['input']>;
  minSuccessRate?: InputMaybe<Scalars['Float']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


export type InternalQueryEndpointStatsArgs = {
  endpoint?: InputMaybe<Scalars['String']['input']>;
  since?: InputMaybe<Scalars['DateTime']['input']>;
  until?: InputMaybe<Scalars['DateTime']['input']>;
};


export type InternalQueryEndpointsArgs = {
  tier?: InputMaybe<Tier>;
};


export type InternalQueryMappingsArgs = {
  endpoint?: InputMaybe<Scalars['String']['input']>;
};


export type InternalQueryRatingsArgs = {
  endpoint?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  generationId?: InputMaybe<Scalars['ID']['input']>;
};


export type InternalQueryUpstreamHealthArgs = {
  refresh?: InputMaybe<Scalars['Boolean']['input']>;
};


export type InternalQueryWorkflowArgs = {
  slug: Scalars['String']['input'];
};


export type InternalQueryWorkflowsArgs = {
  category?: InputMaybe<Scalars['String']['input']>;
};

export type Lifecycle = {
  __typename?: 'Lifecycle';
  /** The endpoint to use instead, when there is one. */
  preferred?: Maybe<Scalars['String']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
  status: LifecycleStatus;
};

export type LifecycleStatus =
  | 'ACTIVE'
  | 'DEPRIORITISED';

/** How an endpoint relates to a published RunComfy workflow. */
export type Mapping = {
  __typename?: 'Mapping';
  action: Scalars['String']['output'];
  endpoint: Scalars['String']['output'];
  note: Scalars['String']['output'];
  relation: MappingRelation;
  workflow?: Maybe<Workflow>;
  /** The workflow's slug; null when no shortlist workflow matches. */
  workflowSlug?: Maybe<Scalars['String']['output']>;
};

export type MappingRelation =
  | 'ALTERNATIVE'
  | 'DIFFERENT'
  | 'NO_EQUIVALENT'
  | 'SAME_CONCEPT'
  | 'SIMILAR';

export type MediaKind =
  | 'IMAGE'
  | 'VIDEO';

/** The medium an endpoint produces. */
export type Modality =
  | 'IMAGE'
  | 'VIDEO';

export type ModelAlignment = {
  __typename?: 'ModelAlignment';
  endpointFamily?: Maybe<Scalars['String']['output']>;
  same: Scalars['Boolean']['output'];
  verdict: Scalars['String']['output'];
  workflowFamily?: Maybe<Scalars['String']['output']>;
  workflowModels: Array<Scalars['String']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Cancels a generation that has not finished yet. */
  cancelGeneration: CancelGenerationPayload;
  /**
   * Creates a generation on one endpoint. Invalid input returns `userErrors` and makes no
   * upstream call. With an `idempotencyKey`, repeating the same input returns the same
   * generation; the same key with another input is an IDEMPOTENCY_CONFLICT.
   */
  createGeneration: CreateGenerationPayload;
  /** Records a 1-5 quality rating for an endpoint or one of its generations. */
  rateEndpoint: RateEndpointPayload;
};


export type MutationCancelGenerationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateGenerationArgs = {
  input: CreateGenerationInput;
};


export type MutationRateEndpointArgs = {
  input: RateEndpointInput;
};

export type NodeMode =
  | 'ACTIVE'
  | 'BYPASSED'
  | 'MUTED';

export type NodeTypeCount = {
  __typename?: 'NodeTypeCount';
  count: Scalars['Int']['output'];
  /** False when the parser has no widget layout for the type; its values are not read. */
  known: Scalars['Boolean']['output'];
  type: Scalars['String']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type ParameterAlignment = {
  __typename?: 'ParameterAlignment';
  /** The endpoint input compared, when the value comes from one. */
  endpointInput?: Maybe<Scalars['String']['output']>;
  endpointValue?: Maybe<Scalars['JSON']['output']>;
  /** True when the models differ and that explains the difference, so it is not a gap. */
  explainedByModel: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  status: AlignmentStatus;
  verdict: Scalars['String']['output'];
  workflowSource?: Maybe<WorkflowValue>;
  workflowValue?: Maybe<Scalars['JSON']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** The endpoints the caller may call directly: every endpoint of the primary tier. */
  capabilities: Array<Endpoint>;
  /** One endpoint of the primary tier by path, such as `/flux-pulid`. Any other path gives NOT_FOUND. */
  capability: Endpoint;
  /** One generation by id. Clients see only their own generations. */
  generation?: Maybe<Generation>;
  /** Generations, newest first. Clients see only their own generations. */
  generations: GenerationConnection;
  /** Everything the gateway knows, for internal tooling and operators. */
  internal: InternalQuery;
};


export type QueryCapabilityArgs = {
  path: Scalars['String']['input'];
};


export type QueryGenerationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryGenerationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<GenerationFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RateEndpointInput = {
  endpoint: Scalars['String']['input'];
  /** Rate one generation of the endpoint rather than the endpoint as a whole. */
  generationId?: InputMaybe<Scalars['ID']['input']>;
  note?: InputMaybe<Scalars['String']['input']>;
  /** From 1 (unusable) to 5 (excellent). */
  score: Scalars['Int']['input'];
};

export type RateEndpointPayload = {
  __typename?: 'RateEndpointPayload';
  rating?: Maybe<Rating>;
  userErrors: Array<UserError>;
};

export type Rating = {
  __typename?: 'Rating';
  createdAt: Scalars['DateTime']['output'];
  endpoint: Scalars['String']['output'];
  generationId?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  note?: Maybe<Scalars['String']['output']>;
  score: Scalars['Int']['output'];
};

/** An endpoint that no longer exists, with the endpoint that replaces it. */
export type RemovedEndpoint = {
  __typename?: 'RemovedEndpoint';
  alternative: Scalars['String']['output'];
  path: Scalars['String']['output'];
  reason: Scalars['String']['output'];
};

export type Tier =
  /** Serves the app directly: reference- or LoRA-driven. */
  | 'PRIMARY'
  /** Plain text to image or video; not offered to client keys. */
  | 'SUPPORTING';

/** Why an endpoint has its tier: the inputs that decided it, or an operator override. */
export type TierExplanation = {
  __typename?: 'TierExplanation';
  classification: Classification;
  /** Inputs that made the endpoint reference- or LoRA-driven. */
  decidingInputs: Array<Scalars['String']['output']>;
  /** The tier the classification rule gives, before any override. */
  derivedTier: Tier;
  override?: Maybe<TierOverride>;
  reason: Scalars['String']['output'];
  tier: Tier;
};

export type TierOverride = {
  __typename?: 'TierOverride';
  reason: Scalars['String']['output'];
  tier: Tier;
};

/** The result of GET /health on one Modal app. */
export type UpstreamAppHealth = {
  __typename?: 'UpstreamAppHealth';
  app: Scalars['String']['output'];
  checkedAt: Scalars['DateTime']['output'];
  /** Paths of the endpoints the app serves. */
  endpoints: Array<Scalars['String']['output']>;
  error?: Maybe<UpstreamProbeError>;
  /** True when /health returned 200 with status healthy. */
  healthy: Scalars['Boolean']['output'];
  latencyMs: Scalars['Float']['output'];
  /** True when the app's origin sent any HTTP response. */
  reachable: Scalars['Boolean']['output'];
  /** HTTP status of the /health response. */
  status?: Maybe<Scalars['Int']['output']>;
};

export type UpstreamEndpointHealth = {
  __typename?: 'UpstreamEndpointHealth';
  app: Scalars['String']['output'];
  healthy: Scalars['Boolean']['output'];
  path: Scalars['String']['output'];
  reachable: Scalars['Boolean']['output'];
};

/** One round of upstream health probes. */
export type UpstreamHealth = {
  __typename?: 'UpstreamHealth';
  apps: Array<UpstreamAppHealth>;
  /** True when the round came from the cache and sent no request. */
  cached: Scalars['Boolean']['output'];
  /** When the round started. */
  checkedAt: Scalars['DateTime']['output'];
  /** Each endpoint with the result of its app's probe; Modal serves /health per app, not per endpoint. */
  endpoints: Array<UpstreamEndpointHealth>;
};

export type UpstreamProbeError = {
  __typename?: 'UpstreamProbeError';
  /** An upstream error code such as UPSTREAM_CONNECTION_FAILED or UPSTREAM_TIMEOUT, or PROBE_FAILED when no request could be sent. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** A problem with the caller's input, with the path of the input field. */
export type UserError = {
  __typename?: 'UserError';
  code: UserErrorCode;
  field: Array<Scalars['String']['output']>;
  message: Scalars['String']['output'];
};

export type UserErrorCode =
  | 'ENDPOINT_NOT_FOUND'
  | 'ENDPOINT_REMOVED'
  | 'IDEMPOTENCY_CONFLICT'
  | 'INVALID_MEDIA'
  | 'INVALID_VALUE'
  | 'MEDIA_TOO_LARGE'
  | 'MISSING_INPUT'
  | 'NOT_CANCELABLE'
  | 'NOT_FOUND'
  | 'OUT_OF_RANGE'
  | 'UNKNOWN_INPUT'
  | 'UNSUPPORTED_MEDIA_TYPE';

export type ValueSource =
  /** Fixed by the node's semantics rather than a widget, such as cfg 1 under BasicGuider. */
  | 'IMPLIED'
  /** Followed through a link to the node that produces it. */
  | 'LINK'
  /** Only known when the graph runs, such as a randomised seed or a computed value. */
  | 'RUNTIME'
  /** Read from the node's own widget. */
  | 'WIDGET';

/** A RunComfy ComfyUI workflow file read from the workflows folder. */
export type Workflow = {
  __typename?: 'Workflow';
  /** False when the file is missing or cannot be parsed; `unavailableReason` says why. */
  available: Scalars['Boolean']['output'];
  bypassedNodeIds: Array<Scalars['String']['output']>;
  category?: Maybe<Scalars['String']['output']>;
  faceConsistency: Array<WorkflowFaceConsistency>;
  format?: Maybe<WorkflowFormat>;
  /** The graph format version, such as `0.4`; null for the API format. */
  formatVersion?: Maybe<Scalars['String']['output']>;
  latents: Array<WorkflowLatent>;
  loras: Array<WorkflowLora>;
  mappings: Array<Mapping>;
  models: Array<WorkflowModel>;
  mutedNodeIds: Array<Scalars['String']['output']>;
  nodeTypes: Array<NodeTypeCount>;
  nodes: Array<WorkflowNode>;
  /** The effective parameters of the primary sampler, its latent, LoRAs and face weights as a flat list. */
  parameters: Array<WorkflowParameter>;
  /** The sampler that generates from noise first; alignment compares against it. */
  primarySamplerId?: Maybe<Scalars['String']['output']>;
  samplers: Array<WorkflowSampler>;
  slug: Scalars['String']['output'];
  title?: Maybe<Scalars['String']['output']>;
  unavailableReason?: Maybe<Scalars['String']['output']>;
  warnings: Array<WorkflowWarning>;
};

export type WorkflowFaceConsistency = {
  __typename?: 'WorkflowFaceConsistency';
  active: Scalars['Boolean']['output'];
  endAt?: Maybe<WorkflowValue>;
  /** INSTANTID, PULID, IPADAPTER or FACE_SWAP. */
  method: Scalars['String']['output'];
  nodeId: Scalars['String']['output'];
  startAt?: Maybe<WorkflowValue>;
  weight?: Maybe<WorkflowValue>;
};

export type WorkflowFormat =
  /** The API (prompt) format: `{id: {class_type, inputs}}`. */
  | 'API'
  /** The graph (UI) format that ComfyUI's frontend saves. */
  | 'GRAPH';

export type WorkflowLatent = {
  __typename?: 'WorkflowLatent';
  active: Scalars['Boolean']['output'];
  batchSize?: Maybe<WorkflowValue>;
  height?: Maybe<WorkflowValue>;
  length?: Maybe<WorkflowValue>;
  nodeId: Scalars['String']['output'];
  type: Scalars['String']['output'];
  width?: Maybe<WorkflowValue>;
};

export type WorkflowLora = {
  __typename?: 'WorkflowLora';
  /** True for step-distillation LoRAs such as Lightning, which change the step count. */
  accelerator: Scalars['Boolean']['output'];
  active: Scalars['Boolean']['output'];
  /** Why the LoRA has no effect: MUTED, BYPASSED, ZERO_STRENGTH, NOT_CONNECTED or EMPTY_NAME. */
  inactiveReason?: Maybe<Scalars['String']['output']>;
  name?: Maybe<WorkflowValue>;
  nodeId: Scalars['String']['output'];
  strengthClip?: Maybe<WorkflowValue>;
  strengthModel?: Maybe<WorkflowValue>;
};

export type WorkflowModel = {
  __typename?: 'WorkflowModel';
  active: Scalars['Boolean']['output'];
  kind: Scalars['String']['output'];
  name: Scalars['String']['output'];
  nodeId: Scalars['String']['output'];
  nodeType: Scalars['String']['output'];
};

export type WorkflowNode = {
  __typename?: 'WorkflowNode';
  /** Execution id: the node id prefixed by the ids of the subgraph instances around it, such as `12:5`. */
  id: Scalars['String']['output'];
  known: Scalars['Boolean']['output'];
  mode: NodeMode;
  /** Ids of the subgraph instances or group nodes that contain the node, outermost first. */
  subgraphPath: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  type: Scalars['String']['output'];
};

export type WorkflowParameter = {
  __typename?: 'WorkflowParameter';
  name: Scalars['String']['output'];
  value: WorkflowValue;
};

export type WorkflowSampler = {
  __typename?: 'WorkflowSampler';
  active: Scalars['Boolean']['output'];
  cfg?: Maybe<WorkflowValue>;
  denoise?: Maybe<WorkflowValue>;
  guidance?: Maybe<WorkflowValue>;
  kind: Scalars['String']['output'];
  nodeId: Scalars['String']['output'];
  samplerName?: Maybe<WorkflowValue>;
  scheduler?: Maybe<WorkflowValue>;
  seed?: Maybe<WorkflowValue>;
  steps?: Maybe<WorkflowValue>;
  title?: Maybe<Scalars['String']['output']>;
  type: Scalars['String']['output'];
};

/** A value read from a workflow, with where it came from. */
export type WorkflowValue = {
  __typename?: 'WorkflowValue';
  /** For seeds: fixed, randomize, increment or decrement. */
  control?: Maybe<Scalars['String']['output']>;
  detail: Scalars['String']['output'];
  nodeId: Scalars['String']['output'];
  source: ValueSource;
  /** The widget value left behind when the widget was converted to a linked input. */
  staleWidgetValue?: Maybe<Scalars['JSON']['output']>;
  /** The value; seeds are decimal strings. Null when only known at run time. */
  value?: Maybe<Scalars['JSON']['output']>;
  /** Nodes passed on the way: reroutes, Get/Set pairs, bypassed nodes and subgraph instances. */
  via: Array<Scalars['String']['output']>;
};

export type WorkflowWarning = {
  __typename?: 'WorkflowWarning';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  nodeId?: Maybe<Scalars['String']['output']>;
  nodeType?: Maybe<Scalars['String']['output']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Alignment: ResolverTypeWrapper<AlignmentView>;
  AlignmentStatus: AlignmentStatus;
  Artifact: ResolverTypeWrapper<ArtifactRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BreachMetric: BreachMetric;
  BreachReason: ResolverTypeWrapper<BreachReason>;
  CancelGenerationPayload: ResolverTypeWrapper<Omit<CancelGenerationPayload, 'generation'> & { generation?: Maybe<ResolversTypes['Generation']> }>;
  Classification: Classification;
  CreateGenerationInput: CreateGenerationInput;
  CreateGenerationPayload: ResolverTypeWrapper<Omit<CreateGenerationPayload, 'generation'> & { generation?: Maybe<ResolversTypes['Generation']> }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Endpoint: ResolverTypeWrapper<EndpointFacts>;
  EndpointBreach: ResolverTypeWrapper<EndpointBreach>;
  EndpointInput: ResolverTypeWrapper<EndpointInputFacts>;
  EndpointLastError: ResolverTypeWrapper<EndpointLastError>;
  EndpointOutput: ResolverTypeWrapper<EndpointFacts>;
  EndpointStats: ResolverTypeWrapper<EndpointStats>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GapGroup: ResolverTypeWrapper<GapGroupFacts>;
  Generation: ResolverTypeWrapper<GenerationRecord>;
  GenerationConnection: ResolverTypeWrapper<Omit<GenerationConnection, 'edges' | 'nodes'> & { edges: Array<ResolversTypes['GenerationEdge']>, nodes: Array<ResolversTypes['Generation']> }>;
  GenerationCost: ResolverTypeWrapper<GenerationCost>;
  GenerationEdge: ResolverTypeWrapper<Omit<GenerationEdge, 'node'> & { node: ResolversTypes['Generation'] }>;
  GenerationError: ResolverTypeWrapper<GenerationError>;
  GenerationFilter: GenerationFilter;
  GenerationStatus: GenerationStatus;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  InputRole: InputRole;
  InputType: InputType;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  InternalQuery: ResolverTypeWrapper<InternalRoot>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  Lifecycle: ResolverTypeWrapper<LifecycleFacts>;
  LifecycleStatus: LifecycleStatus;
  Mapping: ResolverTypeWrapper<MappingFacts>;
  MappingRelation: MappingRelation;
  MediaKind: MediaKind;
  Modality: Modality;
  ModelAlignment: ResolverTypeWrapper<ModelAlignmentFacts>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NodeMode: NodeMode;
  NodeTypeCount: ResolverTypeWrapper<NodeTypeCount>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  ParameterAlignment: ResolverTypeWrapper<ParameterAlignmentFacts>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RateEndpointInput: RateEndpointInput;
  RateEndpointPayload: ResolverTypeWrapper<Omit<RateEndpointPayload, 'rating'> & { rating?: Maybe<ResolversTypes['Rating']> }>;
  Rating: ResolverTypeWrapper<RatingRecord>;
  RemovedEndpoint: ResolverTypeWrapper<RemovedEndpointFacts>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Tier: Tier;
  TierExplanation: ResolverTypeWrapper<TierDecision>;
  TierOverride: ResolverTypeWrapper<TierOverride>;
  UpstreamAppHealth: ResolverTypeWrapper<UpstreamAppHealth>;
  UpstreamEndpointHealth: ResolverTypeWrapper<UpstreamEndpointHealth>;
  UpstreamHealth: ResolverTypeWrapper<UpstreamHealth>;
  UpstreamProbeError: ResolverTypeWrapper<UpstreamProbeError>;
  UserError: ResolverTypeWrapper<UserError>;
  UserErrorCode: UserErrorCode;
  ValueSource: ValueSource;
  Workflow: ResolverTypeWrapper<WorkflowView>;
  WorkflowFaceConsistency: ResolverTypeWrapper<FaceSummary>;
  WorkflowFormat: WorkflowFormat;
  WorkflowLatent: ResolverTypeWrapper<LatentSummary>;
  WorkflowLora: ResolverTypeWrapper<LoraSummary>;
  WorkflowModel: ResolverTypeWrapper<ModelRef>;
  WorkflowNode: ResolverTypeWrapper<NodeSummary>;
  WorkflowParameter: ResolverTypeWrapper<Omit<WorkflowParameter, 'value'> & { value: ResolversTypes['WorkflowValue'] }>;
  WorkflowSampler: ResolverTypeWrapper<SamplerSummary>;
  WorkflowValue: ResolverTypeWrapper<ResolvedValue>;
  WorkflowWarning: ResolverTypeWrapper<WorkflowWarningFacts>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Alignment: AlignmentView;
  Artifact: ArtifactRecord;
  Boolean: Scalars['Boolean']['output'];
  BreachReason: BreachReason;
  CancelGenerationPayload: Omit<CancelGenerationPayload, 'generation'> & { generation?: Maybe<ResolversParentTypes['Generation']> };
  CreateGenerationInput: CreateGenerationInput;
  CreateGenerationPayload: Omit<CreateGenerationPayload, 'generation'> & { generation?: Maybe<ResolversParentTypes['Generation']> };
  DateTime: Scalars['DateTime']['output'];
  Endpoint: EndpointFacts;
  EndpointBreach: EndpointBreach;
  EndpointInput: EndpointInputFacts;
  EndpointLastError: EndpointLastError;
  EndpointOutput: EndpointFacts;
  EndpointStats: EndpointStats;
  Float: Scalars['Float']['output'];
  GapGroup: GapGroupFacts;
  Generation: GenerationRecord;
  GenerationConnection: Omit<GenerationConnection, 'edges' | 'nodes'> & { edges: Array<ResolversParentTypes['GenerationEdge']>, nodes: Array<ResolversParentTypes['Generation']> };
  GenerationCost: GenerationCost;
  GenerationEdge: Omit<GenerationEdge, 'node'> & { node: ResolversParentTypes['Generation'] };
  GenerationError: GenerationError;
  GenerationFilter: GenerationFilter;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  InternalQuery: InternalRoot;
  JSON: Scalars['JSON']['output'];
  JSONObject: Scalars['JSONObject']['output'];
  Lifecycle: LifecycleFacts;
  Mapping: MappingFacts;
  ModelAlignment: ModelAlignmentFacts;
  Mutation: Record<PropertyKey, never>;
  NodeTypeCount: NodeTypeCount;
  PageInfo: PageInfo;
  ParameterAlignment: ParameterAlignmentFacts;
  Query: Record<PropertyKey, never>;
  RateEndpointInput: RateEndpointInput;
  RateEndpointPayload: Omit<RateEndpointPayload, 'rating'> & { rating?: Maybe<ResolversParentTypes['Rating']> };
  Rating: RatingRecord;
  RemovedEndpoint: RemovedEndpointFacts;
  String: Scalars['String']['output'];
  TierExplanation: TierDecision;
  TierOverride: TierOverride;
  UpstreamAppHealth: UpstreamAppHealth;
  UpstreamEndpointHealth: UpstreamEndpointHealth;
  UpstreamHealth: UpstreamHealth;
  UpstreamProbeError: UpstreamProbeError;
  UserError: UserError;
  Workflow: WorkflowView;
  WorkflowFaceConsistency: FaceSummary;
  WorkflowLatent: LatentSummary;
  WorkflowLora: LoraSummary;
  WorkflowModel: ModelRef;
  WorkflowNode: NodeSummary;
  WorkflowParameter: Omit<WorkflowParameter, 'value'> & { value: ResolversParentTypes['WorkflowValue'] };
  WorkflowSampler: SamplerSummary;
  WorkflowValue: ResolvedValue;
  WorkflowWarning: WorkflowWarningFacts;
};

export type InternalDirectiveArgs = { };

export type InternalDirectiveResolver<Result, Parent, ContextType = GatewayContext, Args = InternalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AlignmentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Alignment'] = ResolversParentTypes['Alignment']> = {
  compared?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  distance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  endpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  gapCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  model?: Resolver<Maybe<ResolversTypes['ModelAlignment']>, ParentType, ContextType>;
  modelDifference?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  parameters?: Resolver<Array<ResolversTypes['ParameterAlignment']>, ParentType, ContextType>;
  relation?: Resolver<ResolversTypes['MappingRelation'], ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unavailableReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  workflowSlug?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ArtifactResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Artifact'] = ResolversParentTypes['Artifact']> = {
  byteSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  declaredContentType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  height?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  width?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type BreachReasonResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BreachReason'] = ResolversParentTypes['BreachReason']> = {
  actual?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['BreachMetric'], ParentType, ContextType>;
  threshold?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type CancelGenerationPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CancelGenerationPayload'] = ResolversParentTypes['CancelGenerationPayload']> = {
  generation?: Resolver<Maybe<ResolversTypes['Generation']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CreateGenerationPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CreateGenerationPayload'] = ResolversParentTypes['CreateGenerationPayload']> = {
  generation?: Resolver<Maybe<ResolversTypes['Generation']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EndpointResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Endpoint'] = ResolversParentTypes['Endpoint']> = {
  alignments?: Resolver<Array<ResolversTypes['Alignment']>, ParentType, ContextType>;
  app?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  classification?: Resolver<ResolversTypes['Classification'], ParentType, ContextType>;
  clientDeadlineSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gpu?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inputs?: Resolver<Array<ResolversTypes['EndpointInput']>, ParentType, ContextType>;
  lifecycle?: Resolver<ResolversTypes['Lifecycle'], ParentType, ContextType>;
  loraInputs?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  mappings?: Resolver<Array<ResolversTypes['Mapping']>, ParentType, ContextType>;
  maxConcurrentInputs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  modality?: Resolver<ResolversTypes['Modality'], ParentType, ContextType>;
  notes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  output?: Resolver<ResolversTypes['EndpointOutput'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  referenceInputs?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  serverTimeoutSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Tier'], ParentType, ContextType>;
  tierExplanation?: Resolver<ResolversTypes['TierExplanation'], ParentType, ContextType>;
  tierReason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EndpointBreachResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EndpointBreach'] = ResolversParentTypes['EndpointBreach']> = {
  endpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes['BreachReason']>, ParentType, ContextType>;
  stats?: Resolver<ResolversTypes['EndpointStats'], ParentType, ContextType>;
};

export type EndpointInputResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EndpointInput'] = ResolversParentTypes['EndpointInput']> = {
  acceptedMediaTypes?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  allowedValues?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  default?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  isLora?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isReference?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  maxBytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maxItems?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  maxLength?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  media?: Resolver<Maybe<ResolversTypes['MediaKind']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  minItems?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['InputRole'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['InputType'], ParentType, ContextType>;
};

export type EndpointLastErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EndpointLastError'] = ResolversParentTypes['EndpointLastError']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  generationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  upstreamDetail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  upstreamStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type EndpointOutputResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EndpointOutput'] = ResolversParentTypes['EndpointOutput']> = {
  declaredContentType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type EndpointStatsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EndpointStats'] = ResolversParentTypes['EndpointStats']> = {
  app?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  canceled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  coldStartShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  coldStarts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  costReported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  costUsd?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  dispatched?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  endpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  finished?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['EndpointLastError']>, ParentType, ContextType>;
  p50DurationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  p95DurationMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  ratingCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ratingMean?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  succeeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  successRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  timedOut?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  until?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type GapGroupResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GapGroup'] = ResolversParentTypes['GapGroup']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endpoints?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type GenerationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Generation'] = ResolversParentTypes['Generation']> = {
  appliedDefaults?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  artifacts?: Resolver<Array<ResolversTypes['Artifact']>, ParentType, ContextType>;
  cost?: Resolver<Maybe<ResolversTypes['GenerationCost']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deadlineAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  endpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['GenerationError']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  hops?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  idempotencyKey?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  inputs?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  ownerId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  queueMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  resultUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['GenerationStatus'], ParentType, ContextType>;
  statusReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  upstreamLatencyMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  upstreamPosts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type GenerationConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GenerationConnection'] = ResolversParentTypes['GenerationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['GenerationEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Generation']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type GenerationCostResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GenerationCost'] = ResolversParentTypes['GenerationCost']> = {
  executionTimeSeconds?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  gpuType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  usd?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type GenerationEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GenerationEdge'] = ResolversParentTypes['GenerationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Generation'], ParentType, ContextType>;
};

export type GenerationErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['GenerationError'] = ResolversParentTypes['GenerationError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  upstreamDetail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  upstreamStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type InternalQueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['InternalQuery'] = ResolversParentTypes['InternalQuery']> = {
  alignment?: Resolver<Array<ResolversTypes['Alignment']>, ParentType, ContextType, RequireFields<InternalQueryAlignmentArgs, 'endpoint'>>;
  alignmentOverview?: Resolver<Array<ResolversTypes['Alignment']>, ParentType, ContextType>;
  endpoint?: Resolver<Maybe<ResolversTypes['Endpoint']>, ParentType, ContextType, RequireFields<InternalQueryEndpointArgs, 'path'>>;
  endpointBreaches?: Resolver<Array<ResolversTypes['EndpointBreach']>, ParentType, ContextType, RequireFields<InternalQueryEndpointBreachesArgs, 'minGenerations' | 'minRatingMean' | 'minRatings' | 'minSuccessRate'>>;
  endpointStats?: Resolver<Array<ResolversTypes['EndpointStats']>, ParentType, ContextType, Partial<InternalQueryEndpointStatsArgs>>;
  endpoints?: Resolver<Array<ResolversTypes['Endpoint']>, ParentType, ContextType, Partial<InternalQueryEndpointsArgs>>;
  gapSummary?: Resolver<Array<ResolversTypes['GapGroup']>, ParentType, ContextType>;
  mappings?: Resolver<Array<ResolversTypes['Mapping']>, ParentType, ContextType, Partial<InternalQueryMappingsArgs>>;
  ratings?: Resolver<Array<ResolversTypes['Rating']>, ParentType, ContextType, RequireFields<InternalQueryRatingsArgs, 'first'>>;
  removedEndpoints?: Resolver<Array<ResolversTypes['RemovedEndpoint']>, ParentType, ContextType>;
  upstreamHealth?: Resolver<ResolversTypes['UpstreamHealth'], ParentType, ContextType, RequireFields<InternalQueryUpstreamHealthArgs, 'refresh'>>;
  workflow?: Resolver<Maybe<ResolversTypes['Workflow']>, ParentType, ContextType, RequireFields<InternalQueryWorkflowArgs, 'slug'>>;
  workflows?: Resolver<Array<ResolversTypes['Workflow']>, ParentType, ContextType, Partial<InternalQueryWorkflowsArgs>>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type LifecycleResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Lifecycle'] = ResolversParentTypes['Lifecycle']> = {
  preferred?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LifecycleStatus'], ParentType, ContextType>;
};

export type MappingResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mapping'] = ResolversParentTypes['Mapping']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relation?: Resolver<ResolversTypes['MappingRelation'], ParentType, ContextType>;
  workflow?: Resolver<Maybe<ResolversTypes['Workflow']>, ParentType, ContextType>;
  workflowSlug?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ModelAlignmentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ModelAlignment'] = ResolversParentTypes['ModelAlignment']> = {
  endpointFamily?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  same?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  verdict?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workflowFamily?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  workflowModels?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelGeneration?: Resolver<ResolversTypes['CancelGenerationPayload'], ParentType, ContextType, RequireFields<MutationCancelGenerationArgs, 'id'>>;
  createGeneration?: Resolver<ResolversTypes['CreateGenerationPayload'], ParentType, ContextType, RequireFields<MutationCreateGenerationArgs, 'input'>>;
  rateEndpoint?: Resolver<ResolversTypes['RateEndpointPayload'], ParentType, ContextType, RequireFields<MutationRateEndpointArgs, 'input'>>;
};

export type NodeTypeCountResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['NodeTypeCount'] = ResolversParentTypes['NodeTypeCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  known?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ParameterAlignmentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ParameterAlignment'] = ResolversParentTypes['ParameterAlignment']> = {
  endpointInput?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  endpointValue?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  explainedByModel?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['AlignmentStatus'], ParentType, ContextType>;
  verdict?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  workflowSource?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  workflowValue?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  capabilities?: Resolver<Array<ResolversTypes['Endpoint']>, ParentType, ContextType>;
  capability?: Resolver<ResolversTypes['Endpoint'], ParentType, ContextType, RequireFields<QueryCapabilityArgs, 'path'>>;
  generation?: Resolver<Maybe<ResolversTypes['Generation']>, ParentType, ContextType, RequireFields<QueryGenerationArgs, 'id'>>;
  generations?: Resolver<ResolversTypes['GenerationConnection'], ParentType, ContextType, RequireFields<QueryGenerationsArgs, 'first'>>;
  internal?: Resolver<ResolversTypes['InternalQuery'], ParentType, ContextType>;
};

export type RateEndpointPayloadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RateEndpointPayload'] = ResolversParentTypes['RateEndpointPayload']> = {
  rating?: Resolver<Maybe<ResolversTypes['Rating']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type RatingResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Rating'] = ResolversParentTypes['Rating']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  endpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  generationId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RemovedEndpointResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RemovedEndpoint'] = ResolversParentTypes['RemovedEndpoint']> = {
  alternative?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TierExplanationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TierExplanation'] = ResolversParentTypes['TierExplanation']> = {
  classification?: Resolver<ResolversTypes['Classification'], ParentType, ContextType>;
  decidingInputs?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  derivedTier?: Resolver<ResolversTypes['Tier'], ParentType, ContextType>;
  override?: Resolver<Maybe<ResolversTypes['TierOverride']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Tier'], ParentType, ContextType>;
};

export type TierOverrideResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['TierOverride'] = ResolversParentTypes['TierOverride']> = {
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Tier'], ParentType, ContextType>;
};

export type UpstreamAppHealthResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['UpstreamAppHealth'] = ResolversParentTypes['UpstreamAppHealth']> = {
  app?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  endpoints?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['UpstreamProbeError']>, ParentType, ContextType>;
  healthy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  reachable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type UpstreamEndpointHealthResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['UpstreamEndpointHealth'] = ResolversParentTypes['UpstreamEndpointHealth']> = {
  app?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  healthy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reachable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type UpstreamHealthResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['UpstreamHealth'] = ResolversParentTypes['UpstreamHealth']> = {
  apps?: Resolver<Array<ResolversTypes['UpstreamAppHealth']>, ParentType, ContextType>;
  cached?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  checkedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  endpoints?: Resolver<Array<ResolversTypes['UpstreamEndpointHealth']>, ParentType, ContextType>;
};

export type UpstreamProbeErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['UpstreamProbeError'] = ResolversParentTypes['UpstreamProbeError']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type UserErrorResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  field?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WorkflowResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Workflow'] = ResolversParentTypes['Workflow']> = {
  available?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  bypassedNodeIds?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  category?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  faceConsistency?: Resolver<Array<ResolversTypes['WorkflowFaceConsistency']>, ParentType, ContextType>;
  format?: Resolver<Maybe<ResolversTypes['WorkflowFormat']>, ParentType, ContextType>;
  formatVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latents?: Resolver<Array<ResolversTypes['WorkflowLatent']>, ParentType, ContextType>;
  loras?: Resolver<Array<ResolversTypes['WorkflowLora']>, ParentType, ContextType>;
  mappings?: Resolver<Array<ResolversTypes['Mapping']>, ParentType, ContextType>;
  models?: Resolver<Array<ResolversTypes['WorkflowModel']>, ParentType, ContextType>;
  mutedNodeIds?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  nodeTypes?: Resolver<Array<ResolversTypes['NodeTypeCount']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['WorkflowNode']>, ParentType, ContextType>;
  parameters?: Resolver<Array<ResolversTypes['WorkflowParameter']>, ParentType, ContextType>;
  primarySamplerId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  samplers?: Resolver<Array<ResolversTypes['WorkflowSampler']>, ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unavailableReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['WorkflowWarning']>, ParentType, ContextType>;
};

export type WorkflowFaceConsistencyResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WorkflowFaceConsistency'] = ResolversParentTypes['WorkflowFaceConsistency']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  endAt?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startAt?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  weight?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
};

export type WorkflowLatentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WorkflowLatent'] = ResolversParentTypes['WorkflowLatent']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  batchSize?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  height?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  length?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  width?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
};

export type WorkflowLoraResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WorkflowLora'] = ResolversParentTypes['WorkflowLora']> = {
  accelerator?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  inactiveReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  strengthClip?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  strengthModel?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
};

export type WorkflowModelResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WorkflowModel'] = ResolversParentTypes['WorkflowModel']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nodeType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WorkflowNodeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WorkflowNode'] = ResolversParentTypes['WorkflowNode']> = {
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  known?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['NodeMode'], ParentType, ContextType>;
  subgraphPath?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WorkflowParameterResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WorkflowParameter'] = ResolversParentTypes['WorkflowParameter']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['WorkflowValue'], ParentType, ContextType>;
};

export type WorkflowSamplerResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WorkflowSampler'] = ResolversParentTypes['WorkflowSampler']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  cfg?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  denoise?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  guidance?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  samplerName?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  scheduler?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  seed?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  steps?: Resolver<Maybe<ResolversTypes['WorkflowValue']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WorkflowValueResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WorkflowValue'] = ResolversParentTypes['WorkflowValue']> = {
  control?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['ValueSource'], ParentType, ContextType>;
  staleWidgetValue?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  via?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type WorkflowWarningResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['WorkflowWarning'] = ResolversParentTypes['WorkflowWarning']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nodeId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nodeType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = GatewayContext> = {
  Alignment?: AlignmentResolvers<ContextType>;
  Artifact?: ArtifactResolvers<ContextType>;
  BreachReason?: BreachReasonResolvers<ContextType>;
  CancelGenerationPayload?: CancelGenerationPayloadResolvers<ContextType>;
  CreateGenerationPayload?: CreateGenerationPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Endpoint?: EndpointResolvers<ContextType>;
  EndpointBreach?: EndpointBreachResolvers<ContextType>;
  EndpointInput?: EndpointInputResolvers<ContextType>;
  EndpointLastError?: EndpointLastErrorResolvers<ContextType>;
  EndpointOutput?: EndpointOutputResolvers<ContextType>;
  EndpointStats?: EndpointStatsResolvers<ContextType>;
  GapGroup?: GapGroupResolvers<ContextType>;
  Generation?: GenerationResolvers<ContextType>;
  GenerationConnection?: GenerationConnectionResolvers<ContextType>;
  GenerationCost?: GenerationCostResolvers<ContextType>;
  GenerationEdge?: GenerationEdgeResolvers<ContextType>;
  GenerationError?: GenerationErrorResolvers<ContextType>;
  InternalQuery?: InternalQueryResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  JSONObject?: GraphQLScalarType;
  Lifecycle?: LifecycleResolvers<ContextType>;
  Mapping?: MappingResolvers<ContextType>;
  ModelAlignment?: ModelAlignmentResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  NodeTypeCount?: NodeTypeCountResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  ParameterAlignment?: ParameterAlignmentResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RateEndpointPayload?: RateEndpointPayloadResolvers<ContextType>;
  Rating?: RatingResolvers<ContextType>;
  RemovedEndpoint?: RemovedEndpointResolvers<ContextType>;
  TierExplanation?: TierExplanationResolvers<ContextType>;
  TierOverride?: TierOverrideResolvers<ContextType>;
  UpstreamAppHealth?: UpstreamAppHealthResolvers<ContextType>;
  UpstreamEndpointHealth?: UpstreamEndpointHealthResolvers<ContextType>;
  UpstreamHealth?: UpstreamHealthResolvers<ContextType>;
  UpstreamProbeError?: UpstreamProbeErrorResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  Workflow?: WorkflowResolvers<ContextType>;
  WorkflowFaceConsistency?: WorkflowFaceConsistencyResolvers<ContextType>;
  WorkflowLatent?: WorkflowLatentResolvers<ContextType>;
  WorkflowLora?: WorkflowLoraResolvers<ContextType>;
  WorkflowModel?: WorkflowModelResolvers<ContextType>;
  WorkflowNode?: WorkflowNodeResolvers<ContextType>;
  WorkflowParameter?: WorkflowParameterResolvers<ContextType>;
  WorkflowSampler?: WorkflowSamplerResolvers<ContextType>;
  WorkflowValue?: WorkflowValueResolvers<ContextType>;
  WorkflowWarning?: WorkflowWarningResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = GatewayContext> = {
  internal?: InternalDirectiveResolver<any, any, ContextType>;
};
