/**
 * What the internal namespace hides from a client, computed from the two role schemas and the
 * catalog, and helpers that look for those names in response bodies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';

import { buildRoleSchemas, readTypeDefs } from '../../src/server/schema.js';
import { REPO_ROOT } from '../support/gateway-harness.js';

/** The endpoints visible to a client: every endpoint with a reference or LoRA input. */
export const PRIMARY_PATHS = [
  '/sdxl-instantid',
  '/flux-pulid',
  '/flux-ipadapter-faceid',
  '/qwen-image-edit-2511',
  '/qwen-image-inpaint-2511',
  '/video-faceswap',
  '/seedvr2',
  '/flux-dev-lora',
  '/qwen-image-2512-lora',
  '/z-image-lora',
  '/wan2.6-lora',
  '/wan2.6-r2v',
] as const;

export type NameKind = 'type' | 'field' | 'argument' | 'inputField' | 'enumValue' | 'directive';

/**
 * Collects every name a schema defines, with the kinds of element that carry it. Introspection
 * types count, because every caller can query `__Type.kind`, so a hidden field also named
 * `kind` hides nothing.
 */
export function schemaNames(schema: GraphQLSchema): Map<string, Set<NameKind>> {
  const names = new Map<string, Set<NameKind>>();
  const add = (name: string, kind: NameKind): void => {
    const kinds = names.get(name) ?? new Set<NameKind>();
    kinds.add(kind);
    names.set(name, kinds);
  };

  for (const type of Object.values(schema.getTypeMap())) {
    add(type.name, 'type');
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        add(field.name, 'field');
        field.args.forEach((argument) => add(argument.name, 'argument'));
      }
    } else if (isInputObjectType(type)) {
      Object.values(type.getFields()).forEach((field) => add(field.name, 'inputField'));
    } else if (isEnumType(type)) {
      type.getValues().forEach((value) => add(value.name, 'enumValue'));
    }
  }
  for (const directive of schema.getDirectives()) {
    add(directive.name, 'directive');
    directive.args.forEach((argument) => add(argument.name, 'argument'));
  }
  return names;
}

/** The names of the internal schema that the client schema lacks, and the names visible to a client. */
export function namespaceNames(): { hidden: Map<string, Set<NameKind>>; visible: Set<string> } {
  const { internal, client } = buildRoleSchemas(readTypeDefs(), {});
  const visible = new Set(schemaNames(client).keys());
  const hidden = new Map([...schemaNames(internal)].filter(([name]) => !visible.has(name)));
  return { hidden, visible };
}

/** Catalog paths a client must not be able to tell apart from unknown ones. */
export function hiddenPaths(): string[] {
  const file = JSON.parse(readFileSync(path.join(REPO_ROOT, 'catalog/catalog.json'), 'utf8')) as {
    endpoints: { path: string }[];
    removedEndpoints: { path: string }[];
  };
  const primary = new Set<string>(PRIMARY_PATHS);
  return [...file.endpoints.map((endpoint) => endpoint.path).filter((p) => !primary.has(p)), ...file.removedEndpoints.map((removed) => removed.path)];
}

/**
 * Hidden names that are also plain English words in the client schema's descriptions and in the
 * gateway's fixed messages ("API key", "the same key", "got invalid value", "the endpoints you
 * can call"). As bare words they reveal nothing about the internal schema, so the word check
 * skips them. Quoted names, such as those in "Did you mean" suggestions, are still checked. Add a word
 * here only after reading where it appears.
 */
export const PROSE_WORDS = new Set(['API', 'app', 'at', 'available', 'endpoints', 'finished', 'key', 'same', 'value']);

/** Names that must never appear in a client response in any form. */
export const NEVER_PROSE = new Set(['internal']);

/**
 * Lists the hidden names and paths found in `text`: names as case-sensitive whole words (prose
 * words excepted) or inside double quotes (no exception), paths with path-character boundaries
 * so that `/flux` does not match `/flux-pulid`.
 */
export function findHiddenNames(text: string, hidden: ReadonlySet<string>, paths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const word of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    if (hidden.has(word) && !PROSE_WORDS.has(word)) {
      found.add(word);
    }
  }
  for (const quoted of text.matchAll(/\\?"([A-Za-z_][A-Za-z0-9_]*)\\?"/g)) {
    const name = quoted[1]!;
    if (hidden.has(name)) {
      found.add(`"${name}"`);
    }
  }
  for (const hiddenPath of paths) {
    const pattern = new RegExp(`(?<![A-Za-z0-9_./-])${escapeRegExp(hiddenPath)}(?![A-Za-z0-9_./-])`);
    if (pattern.test(text)) {
      found.add(hiddenPath);
    }
  }
  return [...found].sort();
}

/**
 * Builds a name of the same length and character classes that no schema defines. Letters
 * become q or Q and digits 7, so error locations and "Did you mean" thresholds stay comparable.
 */
export function sameShapeName(name: string): string {
  return name.replace(/[a-z]/g, 'q').replace(/[A-Z]/g, 'Q').replace(/[0-9]/g, '7');
}

/**
 * Removes a "Did you mean ...?" clause from error messages when every name it suggests is
 * visible to the client: such a clause depends on how close the probe is to a public name,
 * not on the internal schema. A clause that suggests any other name stays, so the comparison
 * and the leak check both see it.
 */
export function withoutPublicSuggestions(text: string, visible: ReadonlySet<string>): string {
  const body = JSON.parse(text) as { errors?: { message: string }[] };
  for (const error of body.errors ?? []) {
    error.message = error.message.replace(/ Did you mean (?:the enum value )?([^?]*)\?/g, (clause, list: string) => {
      const suggested = [...list.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
      return suggested.every((name) => visible.has(name)) ? '' : clause;
    });
  }
  return JSON.stringify(body);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
