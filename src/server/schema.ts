/**
 * Builds the two executable schemas from schema.graphql: the internal schema is the whole
 * contract, and the client schema is derived from it by removing every element marked
 * `@internal`. Each request executes against its role's schema, so a client cannot reach,
 * introspect or learn of an internal name.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { makeExecutableSchema } from '@graphql-tools/schema';
import { getDirective, MapperKind, mapSchema, pruneSchema, type IResolvers } from '@graphql-tools/utils';
import {
  assertValidSchema,
  getDirectiveValues,
  getNamedType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLSpecifiedByDirective,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isUnionType,
  type GraphQLFieldConfig,
  type GraphQLNamedType,
  type GraphQLType,
} from 'graphql';

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
 * @throws Error when the schema is invalid, or when a public element refers to an `@internal`
 * type (see `deriveClientSchema`).
 */
export function buildRoleSchemas(typeDefs: string, resolvers: IResolvers | IResolvers[]): RoleSchemas {
  const executable = makeExecutableSchema({ typeDefs, resolvers, inheritResolversFromInterfaces: true });
  const internal = keepScalarDocsFromTypeDefs(executable);
  return { internal, client: deriveClientSchema(internal) };
}

// A scalar resolver such as graphql-scalars' JSONResolver brings its own description and
// specifiedByURL, and makeExecutableSchema lets them replace those of the SDL. The SDL is the
// contract and the source of client-schema.graphql, so its documentation wins.
function keepScalarDocsFromTypeDefs(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.SCALAR_TYPE]: (type) => {
      const astNode = type.astNode;
      if (!astNode) {
        return type;
      }
      return new GraphQLScalarType({
        ...type.toConfig(),
        description: astNode.description?.value,
        specifiedByURL: (getDirectiveValues(GraphQLSpecifiedByDirective, astNode)?.url as string | undefined) ?? null,
      });
    },
  });
}

/**
 * Removes every `@internal` type, field, argument, input field and enum value, then every type
 * that only removed elements reached, then the directive itself.
 *
 * @throws Error when a public field, argument, input field or union member refers to an
 * `@internal` type, because removing the type would silently remove that public element too.
 */
export function deriveClientSchema(schema: GraphQLSchema): GraphQLSchema {
  const isInternal = (node: Parameters<typeof getDirective>[1]): boolean =>
    (getDirective(schema, node, INTERNAL_DIRECTIVE)?.length ?? 0) > 0;
  const dropField = <T extends { astNode?: unknown }>(config: T): T | null =>
    isInternal(config as Parameters<typeof getDirective>[1]) ? null : config;

  assertNoPublicReferenceToInternalTypes(schema, isInternal);
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
  return withoutDirective;
}

// mapSchema drops every field, argument and input field whose type it removed, silently,
// so a public field of an @internal type would vanish from the client schema. Check the
// references before mapping and fail loudly instead.
function assertNoPublicReferenceToInternalTypes(
  schema: GraphQLSchema,
  isInternal: (node: Parameters<typeof getDirective>[1]) => boolean,
): void {
  const check = (owner: string, type: GraphQLType): void => {
    const named = getNamedType(type);
    if (isInternal(named)) {
      throw new Error(
        `Public element "${owner}" refers to type "${named.name}", which is @internal; mark "${owner}" @internal too, or remove @internal from "${named.name}"`,
      );
    }
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isInternal(type)) {
      continue;
    }
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (isInternal(field)) {
          continue;
        }
        check(`${type.name}.${field.name}`, field.type);
        for (const argument of field.args) {
          if (!isInternal(argument)) {
            check(`${type.name}.${field.name}(${argument.name}:)`, argument.type);
          }
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!isInternal(field)) {
          check(`${type.name}.${field.name}`, field.type);
        }
      }
    } else if (isUnionType(type)) {
      const internalMember = type.getTypes().find((member) => isInternal(member));
      if (internalMember) {
        throw new Error(
          `Public union "${type.name}" includes type "${internalMember.name}", which is @internal; mark "${type.name}" @internal too, or remove "${internalMember.name}" from it`,
        );
      }
    }
  }
}
