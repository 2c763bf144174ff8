/**
 * deriveClientSchema on small SDL strings, and on schema.graphql: every element marked
 * `@internal` is gone from the client schema and every other element is still there.
 */
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  parse,
  printSchema,
  visit,
  type ASTNode,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';

import { buildRoleSchemas, deriveClientSchema, readTypeDefs } from '../../src/server/schema.js';

const DIRECTIVE = `directive @internal on OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | ENUM_VALUE | INPUT_FIELD_DEFINITION | INPUT_OBJECT | ENUM | INTERFACE | UNION | SCALAR`;

function derive(sdl: string): GraphQLSchema {
  return deriveClientSchema(buildSchema(`${DIRECTIVE}\n${sdl}`));
}

/** Schema coordinates such as `Query.job(id:)`, `Status.DONE` or `Job`, of every element. */
function coordinates(schema: GraphQLSchema): Set<string> {
  const result = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) {
      continue;
    }
    result.add(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        result.add(`${type.name}.${field.name}`);
        field.args.forEach((argument) => result.add(`${type.name}.${field.name}(${argument.name}:)`));
      }
    } else if (isInputObjectType(type)) {
      Object.values(type.getFields()).forEach((field) => result.add(`${type.name}.${field.name}`));
    } else if (isEnumType(type)) {
      type.getValues().forEach((value) => result.add(`${type.name}.${value.name}`));
    }
  }
  return result;
}

/** Coordinates of the elements that carry `@internal` in `sdl`, read from the syntax tree. */
function internalCoordinates(sdl: string): Set<string> {
  const result = new Set<string>();
  const marked = (node: { directives?: readonly { name: { value: string } }[] }): boolean =>
    node.directives?.some((directive) => directive.name.value === 'internal') ?? false;
  const typeName = (ancestors: readonly (ASTNode | readonly ASTNode[])[]): string => {
    const owner = [...ancestors].reverse().find((ancestor) => !Array.isArray(ancestor) && 'name' in (ancestor as object) && (ancestor as ASTNode).kind.endsWith('TypeDefinition'));
    return (owner as { name: { value: string } }).name.value;
  };
  visit(parse(sdl), {
    enter(node, _key, _parent, _path, ancestors) {
      if (!('directives' in node) || !marked(node)) {
        return;
      }
      if (node.kind.endsWith('TypeDefinition')) {
        result.add((node as unknown as { name: { value: string } }).name.value);
      } else if (node.kind === Kind.FIELD_DEFINITION || node.kind === Kind.ENUM_VALUE_DEFINITION) {
        result.add(`${typeName(ancestors)}.${node.name.value}`);
      } else if (node.kind === Kind.INPUT_VALUE_DEFINITION) {
        const field = [...ancestors].reverse().find((ancestor) => !Array.isArray(ancestor) && (ancestor as ASTNode).kind === Kind.FIELD_DEFINITION);
        const owner = typeName(ancestors);
        result.add(field ? `${owner}.${(field as { name: { value: string } }).name.value}(${node.name.value}:)` : `${owner}.${node.name.value}`);
      }
    },
  });
  return result;
}

describe('deriveClientSchema', () => {
  const sdl = `
    type Query {
      job(id: ID!, trace: Boolean @internal): Job
      secret: Secret @internal
      search(filter: Filter): [Job!]!
    }
    type Job { id: ID! status: Status! cost: Float @internal }
    enum Status { DONE FAILED RETRIED @internal }
    input Filter { status: Status owner: String @internal }
    "Reached only from Secret, so it goes with it."
    type Secret @internal { detail: Detail! }
    type Detail { text: String! }
    enum Only @internal { A }
    union Result = Job
  `;

  it('removes every marked element', () => {
    const client = coordinates(derive(sdl));
    for (const removed of ['Query.secret', 'Query.job(trace:)', 'Job.cost', 'Status.RETRIED', 'Filter.owner', 'Secret', 'Only']) {
      expect(client.has(removed), removed).toBe(false);
    }
    for (const kept of ['Query.job', 'Query.job(id:)', 'Query.search(filter:)', 'Job.status', 'Status.DONE', 'Status.FAILED', 'Filter.status']) {
      expect(client.has(kept), kept).toBe(true);
    }
  });

  it('prunes types only removed elements reach', () => {
    const client = derive(sdl);
    expect(client.getType('Detail')).toBeUndefined();
    expect(client.getType('Job')).toBeDefined();
  });

  it('drops the directive', () => {
    const client = derive(sdl);
    expect(client.getDirective('internal')).toBeUndefined();
    expect(printSchema(client)).not.toContain('internal');
  });

  it('prints the expected client SDL', () => {
    expect(printSchema(derive(sdl))).toBe(
      [
        'type Query {',
        '  job(id: ID!): Job',
        '  search(filter: Filter): [Job!]!',
        '}',
        '',
        'type Job {',
        '  id: ID!',
        '  status: Status!',
        '}',
        '',
        'enum Status {',
        '  DONE',
        '  FAILED',
        '}',
        '',
        'input Filter {',
        '  status: Status',
        '}',
      ].join('\n'),
    );
  });

  it.each([
    ['a field', 'type Query { ok: Int leak: Secret } type Secret @internal { x: Int }', 'Public element "Query.leak" refers to type "Secret", which is @internal'],
    ['a list field', 'type Query { ok: Int leak: [Secret!]! } type Secret @internal { x: Int }', 'Public element "Query.leak" refers to type "Secret"'],
    ['an argument', 'type Query { ok(by: Key): Int } input Key @internal { x: Int }', 'Public element "Query.ok(by:)" refers to type "Key"'],
    ['an input field', 'type Query { ok(by: Key): Int } input Key { inner: Inner } input Inner @internal { x: Int }', 'Public element "Key.inner" refers to type "Inner"'],
    ['an enum', 'type Query { ok: Int mode: Mode } enum Mode @internal { A }', 'Public element "Query.mode" refers to type "Mode"'],
    ['a union member', 'type Query { ok: U } union U = A | B type A { x: Int } type B @internal { y: Int }', 'Public union "U" includes type "B", which is @internal'],
  ])('throws when %s refers to an internal type', (_label, source, message) => {
    expect(() => derive(source)).toThrow(message);
  });

  it('accepts an internal field of an internal type', () => {
    const client = derive('type Query { ok: Int hidden: Secret @internal } type Secret @internal { x: Int }');
    expect(printSchema(client)).toBe('type Query {\n  ok: Int\n}');
  });
});

describe('client schema of schema.graphql', () => {
  const typeDefs = readTypeDefs();
  const { internal, client } = buildRoleSchemas(typeDefs, {});
  const clientCoordinates = coordinates(client);
  const marked = internalCoordinates(typeDefs);

  it('lacks every element marked @internal', () => {
    expect(marked.size).toBeGreaterThan(20);
    expect([...marked].filter((coordinate) => clientCoordinates.has(coordinate))).toEqual([]);
    expect(client.getDirective('internal')).toBeUndefined();
    expect(client.getQueryType()?.getFields().internal).toBeUndefined();
  });

  it('keeps every unmarked element of a kept type', () => {
    const internalCoordinatesAll = coordinates(internal);
    const missing = [...internalCoordinatesAll].filter((coordinate) => {
      if (clientCoordinates.has(coordinate) || marked.has(coordinate)) {
        return false;
      }
      const typeName = coordinate.split('.')[0]!;
      const field = coordinate.split('(')[0]!;
      return client.getType(typeName) !== undefined && !marked.has(field);
    });
    expect(missing).toEqual([]);
  });

  it('keeps no union with an internal member', () => {
    for (const type of Object.values(client.getTypeMap())) {
      if (isUnionType(type)) {
        expect(type.getTypes().every((member) => client.getType(member.name) === member)).toBe(true);
      }
    }
  });
});
