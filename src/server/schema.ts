/**
 * Builds the two executable schemas from schema.graphql: the internal schema is the whole
 * contract, and the client schema is derived from it by removing every element marked
 * `@internal`. Each request executes against its role's schema, so a client cannot reach,
 * introspect or be told about an internal name.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { makeExecutableSchema } from '@graphql-tools/schema';
import { getDirective, MapperKind, mapSchema, pruneSchema, type IResolvers } from '@graphql-tools/utils';
import { assertValidSchema, GraphQLSchema, type GraphQLFieldConfig, type GraphQLNamedType } from 'graphql';

export const SCHEMA_PATH = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
const INTERNAL_DIRECTIVE = 'internal';

/** Reads schema.graphql. */
export function readTypeDefs(path: string = SCHEMA_PATH): string {
  return readFileSync(path, 'utf8');
}

/** Both role schemas, built once at start. */
export interface RoleSchemas {
  readonly internal: GraphQLSchema;
  readonly client: GraphQLSchema;
}

/**
 * Builds the internal schema with `resolvers` and derives the client schema from it.
 *
 * @throws Error when the schema is invalid, or when removing internal elements leaves a public
 * element that refers to a removed type (mark that element `@internal` too).
 */
export function buildRoleSchemas(typeDefs: string, resolvers: IResolvers | IResolvers[]): RoleSchemas {
  const internal = makeExecutableSchema({ typeDefs, resolvers, inheritResolversFromInterfaces: true });
  return { internal, client: deriveClientSchema(internal) };
}

/**
 * Removes every `@internal` type, field, argument, input field and enum value, then every type
 * that only removed elements reached, then the directive itself.
 */
export function deriveClientSchema(schema: GraphQLSchema): GraphQLSchema {
  const isInternal = (node: Parameters<typeof getDirective>[1]): boolean =>
    (getDirective(schema, node, INTERNAL_DIRECTIVE)?.length ?? 0) > 0;
  const dropField = <T extends { astNode?: unknown }>(config: T): T | null =>
    isInternal(config as Parameters<typeof getDirective>[1]) ? null : config;

  const filtered = mapSchema(schema, {
    [MapperKind.TYPE]: (type: GraphQLNamedType) => (isInternal(type) ? null : type),
    [MapperKind.OBJECT_FIELD]: (config: GraphQLFieldConfig<unknown, unknown>) => dropField(config),
    [MapperKind.INTERFACE_FIELD]: (config: GraphQLFieldConfig<unknown, unknown>) => dropField(config),
    [MapperKind.INPUT_OBJECT_FIELD]: (config) => dropField(config),
    [MapperKind.ARGUMENT]: (config) => dropField(config),
    [MapperKind.ENUM_VALUE]: (config) => dropField(config),
  });

  const pruned = pruneSchema(filtered);
  const withoutDirective = new GraphQLSchema({
    ...pruned.toConfig(),
    directives: pruned.getDirectives().filter((directive) => directive.name !== INTERNAL_DIRECTIVE),
  });
  assertValidSchema(withoutDirective);
  assertNoDanglingTypes(withoutDirective);
  return withoutDirective;
}

// mapSchema drops a removed type from the type map but leaves fields that still point at it, so
// a public field whose type is internal would survive as a broken reference. Fail loudly instead.
function assertNoDanglingTypes(schema: GraphQLSchema): void {
  const typeMap = schema.getTypeMap();
  for (const type of Object.values(typeMap)) {
    if (!('getFields' in type)) {
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      let fieldType = field.type;
      while ('ofType' in fieldType) {
        fieldType = fieldType.ofType;
      }
      if (typeMap[fieldType.name] !== fieldType) {
        throw new Error(
          `Public field "${type.name}.${field.name}" refers to type "${fieldType.name}", which is @internal; mark the field @internal too`,
        );
      }
    }
  }
}
