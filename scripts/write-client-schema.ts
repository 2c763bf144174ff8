/**
 * Writes client-schema.graphql, the schema that client keys query, derived from schema.graphql by
 * removing every @internal element. Frontend codegen reads this file.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { printClientSchema } from './client-schema.js';

const target = fileURLToPath(new URL('../client-schema.graphql', import.meta.url));
writeFileSync(target, printClientSchema());
process.stdout.write(`wrote ${target}\n`);
