/**
 * Fails when a generated file differs from what schema.graphql produces now: the resolver types
 * under src/generated/ and client-schema.graphql. Run `npm run codegen` to refresh them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { printClientSchema } from './client-schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const stale: string[] = [];

const clientSchemaPath = path.join(root, 'client-schema.graphql');
if (readFileOrEmpty(clientSchemaPath) !== printClientSchema()) {
  stale.push('client-schema.graphql');
}

const scratch = mkdtempSync(path.join(tmpdir(), 'gateway-codegen-'));
try {
  const output = path.join(scratch, 'resolvers-types.ts');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', path.join(root, 'codegen.ts'), '--silent'],
    { cwd: root, env: { ...process.env, CODEGEN_OUTPUT: output }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (readFileOrEmpty(output) !== readFileOrEmpty(path.join(root, 'src/generated/resolvers-types.ts'))) {
    stale.push('src/generated/resolvers-types.ts');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (stale.length > 0) {
  process.stderr.write(`Generated files are stale: ${stale.join(', ')}. Run \`npm run codegen\` and commit the result.\n`);
  process.exit(1);
}
process.stdout.write('generated files are up to date\n');

function readFileOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
