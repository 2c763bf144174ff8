/**
 * The resident memory of a Node process that serves HTTP and does nothing else, with and
 * without the tsx loader that `npm start` runs the gateway under. Gateway memory is read
 * against these floors.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { startChildServer } from './child-server.js';
import { readResidentMemory } from './process-memory.js';

const execFileAsync = promisify(execFile);
const SETTLE_MS = 1000;

// Plain JavaScript, so it runs without any loader.
const PLAIN_NODE_SERVER = `
const http = require('node:http');
const { readFileSync } = require('node:fs');
const server = http.createServer((request, response) => response.end('{}'));
server.listen(0, '127.0.0.1', () => setTimeout(() => {
  process.stdout.write(/VmRSS:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
  server.close();
}, ${SETTLE_MS}));
`;

export interface RuntimeFloors {
  readonly plainNodeRssBytes: number;
  readonly nodeWithTsxRssBytes: number;
}

/** Measures both floors, one process after the other. */
export async function measureRuntimeFloors(workDir: string): Promise<RuntimeFloors> {
  const { stdout } = await execFileAsync(process.execPath, ['-e', PLAIN_NODE_SERVER], { timeout: 30_000 });
  const plainNodeRssBytes = Number(stdout) * 1024;

  const responseFile = path.join(workDir, 'floor-response.json');
  writeFileSync(responseFile, '{}');
  const child = await startChildServer({ kind: 'bare-http', responseFile });
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { plainNodeRssBytes, nodeWithTsxRssBytes: readResidentMemory(child.pid).rssBytes };
  } finally {
    await child.stop();
  }
}
