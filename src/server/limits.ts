/**
 * Limits on the shape of a GraphQL operation: tokens at parse time, then depth, aliases,
 * directives, root fields and `createGeneration` calls at validation time. Both stages run
 * before any resolver, so an operation over a limit never reaches the store or Modal.
 *
 * Every rejection carries `extensions.code` OPERATION_LIMIT_EXCEEDED, the limit's name in
 * `extensions.limit` and its value in `extensions.max`.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type GraphQLFormattedError,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

import type { GatewayConfig } from '../config/config.js';

export const OPERATION_LIMIT_EXCEEDED = 'OPERATION_LIMIT_EXCEEDED';

export type OperationLimits = Pick<
  GatewayConfig['limits'],
  | 'maxOperationDepth'
  | 'maxOperationAliases'
  | 'maxOperationTokens'
  | 'maxOperationRootFields'
  | 'maxOperationDirectives'
  | 'maxGenerationsPerOperation'
>;

/** Mutation root fields that each start a paid GPU job. */
const GENERATION_FIELDS: ReadonlySet<string> = new Set(['createGeneration']);

/**
 * The message graphql-js 16 raises when a document has more tokens than `maxTokens`; 16.15
 * spells it "more that", so both spellings match.
 */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more (?:than|that) (\d+) tokens\. Parsing aborted\.$/;

/** Apollo Server's default cap on selections after fragment spreads are expanded. */
export const MAX_RECURSIVE_SELECTIONS = 10_000_000;

/** Returns the parse options that stop the parser after `maxOperationTokens` tokens. */
export function operationParseOptions(limits: OperationLimits): ParseOptions {
  return { maxTokens: limits.maxOperationTokens };
}

/**
 * Builds the validation rules for every limit except tokens: depth, aliases and directives
 * from graphql-armor, root fields and generations per operation from this module.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  const armor = new ApolloArmor({
    // Introspection is on and the client schema has no internal element to hide, so field
    // suggestions reveal nothing that introspection does not.
    blockFieldSuggestion: { enabled: false },
    // Armor's token plugin throws from a parsing hook, which Apollo Server 5 turns into HTTP 500.
    // The parser's own `maxTokens` option yields a 400 instead (see operationParseOptions).
    maxTokens: { enabled: false },
    // Cost is bounded by the depth, alias and root-field limits, the 100-item page size and
    // the one-generation rule, so no separate cost model is configured.
    costLimit: { enabled: false },
    maxDepth: {
      n: limits.maxOperationDepth,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [reportArmorRejection('maxOperationDepth', limits.maxOperationDepth, 'Select fewer nested fields, or split the operation.')],
    },
    maxAliases: {
      n: limits.maxOperationAliases,
      propagateOnRejection: false,
      onReject: [reportArmorRejection('maxOperationAliases', limits.maxOperationAliases, 'Use fewer aliases, or split the operation.')],
    },
    maxDirectives: {
      n: limits.maxOperationDirectives,
      propagateOnRejection: false,
      onReject: [reportArmorRejection('maxOperationDirectives', limits.maxOperationDirectives, 'Use fewer directives, or split the operation.')],
    },
  });
  // Armor's declarations bind to its own copy of the graphql types, hence the cast.
  const armorRules = armor.protect().validationRules as unknown as ValidationRule[];
  return [...armorRules, rootFieldsRule(limits)];
}

/**
 * Restores OPERATION_LIMIT_EXCEEDED on an error raised by a limit, because Apollo Server
 * replaces the code of every validation error with GRAPHQL_VALIDATION_FAILED and reports the
 * parser's token limit as GRAPHQL_PARSE_FAILED. Apollo's own cap on expanded selections gets
 * the same code. Returns null for any other error.
 *
 * @param formatted the error as Apollo formatted it.
 * @param error the error Apollo formatted, whose `originalError` is the rule's own error.
 */
export function formatOperationLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const original = (error as { originalError?: { extensions?: Record<string, unknown> } } | null)?.originalError;
  if (original?.extensions?.code === OPERATION_LIMIT_EXCEEDED) {
    return { ...formatted, extensions: { ...formatted.extensions, code: OPERATION_LIMIT_EXCEEDED } };
  }

  if (formatted.extensions?.validationErrorCode === 'MAX_RECURSIVE_SELECTIONS_EXCEEDED') {
    return {
      message: `The operation's fragment spreads expand to more than ${MAX_RECURSIVE_SELECTIONS} selections. Spread each fragment once per selection set.`,
      locations: formatted.locations,
      extensions: { code: OPERATION_LIMIT_EXCEEDED, limit: 'maxRecursiveSelections', max: MAX_RECURSIVE_SELECTIONS },
    };
  }

  const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT_MESSAGE.exec(formatted.message) : null;
  if (tokens) {
    const max = Number(tokens[1]);
    return {
      message: `The document has more than ${max} tokens, the limit. Send a shorter operation: pass large values as variables and leave out unused fields and fragments.`,
      locations: formatted.locations,
      extensions: { code: OPERATION_LIMIT_EXCEEDED, limit: 'maxOperationTokens', max },
    };
  }
  return null;
}

/**
 * Replaces armor's message prefix "Syntax Error:" (these are not syntax errors) and reports
 * the rejection through the validation context, so Apollo returns 400 before execution.
 */
function reportArmorRejection(limit: string, max: number, fix: string) {
  return (context: unknown, error: { message: string }): void => {
    const detail = error.message.replace(/^Syntax Error:\s*/, '');
    (context as ValidationContext | null)?.reportError(limitError(`${detail} ${fix}`, limit, max));
  };
}

function limitError(message: string, limit: string, max: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: OPERATION_LIMIT_EXCEEDED, limit, max } });
}

/**
 * Counts the fields each operation selects at its root, through fragments and inline
 * fragments, and the `createGeneration` calls among them at the mutation root.
 *
 * Fields are counted by response key (alias or name), because GraphQL merges selections with
 * the same key into one execution, and two calls of a field need two keys. Directives such as
 * `@skip` are ignored, so the count is an upper bound on what runs.
 */
function rootFieldsRule(limits: OperationLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fields = new Map<string, string>();
      collectRootFields(context, operation.selectionSet, fields, new Set());

      if (fields.size > limits.maxOperationRootFields) {
        context.reportError(
          limitError(
            `The operation selects ${fields.size} root fields; the limit is ${limits.maxOperationRootFields}. Split it into several operations.`,
            'maxOperationRootFields',
            limits.maxOperationRootFields,
          ),
        );
      }

      if (operation.operation !== 'mutation') {
        return;
      }
      const generations = [...fields.values()].filter((name) => GENERATION_FIELDS.has(name)).length;
      if (generations > limits.maxGenerationsPerOperation) {
        context.reportError(
          limitError(
            `The operation calls createGeneration ${generations} times; the limit is ${limits.maxGenerationsPerOperation} per operation. Send each generation in its own request.`,
            'maxGenerationsPerOperation',
            limits.maxGenerationsPerOperation,
          ),
        );
      }
    },
  });
}

/** Adds each root field's response key and field name to `fields`; `visited` stops fragment cycles. */
function collectRootFields(context: ValidationContext, selectionSet: SelectionSetNode, fields: Map<string, string>, visited: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      fields.set(selection.alias?.value ?? selection.name.value, selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectRootFields(context, selection.selectionSet, fields, visited);
    } else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) {
        collectRootFields(context, fragment.selectionSet, fields, visited);
      }
    }
  }
}
