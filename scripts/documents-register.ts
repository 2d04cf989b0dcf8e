/**
 * `npm run documents:register -- --client NAME FILE...`: registers the operations a client was
 * built with, for trusted-documents mode (`PERSISTED_ONLY=true`). FILE is an Apollo persisted
 * query manifest (`.json`, `{ "format": "apollo-persisted-query-manifest", "operations": [...] }`)
 * or a `.graphql` file holding one document exactly as the client sends it. Every document is
 * parsed first; with any invalid one nothing is registered. Prints each hash.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { DocumentRegistry, documentHash } from '../src/persisted/documents';
import { openConfiguredStores } from '../src/stores';

const out = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string): never => {
  process.stderr.write(`documents:register: ${line}\n`);
  process.exit(1);
};

interface Manifest {
  format?: string;
  operations?: { id?: string; name?: string; body?: string }[];
}

/** The documents of one file: `[name, body]`, or a problem. */
export function documentsOf(
  file: string,
  text: string,
): { documents: [string, string][] } | { problem: string } {
  if (path.extname(file).toLowerCase() === '.json') {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(text) as Manifest;
    } catch {
      return { problem: `${file} is not valid JSON` };
    }
    if (
      manifest.format !== 'apollo-persisted-query-manifest' ||
      !Array.isArray(manifest.operations)
    ) {
      return { problem: `${file} is not an Apollo persisted query manifest` };
    }
    const documents: [string, string][] = [];
    for (const [index, operation] of manifest.operations.entries()) {
      if (typeof operation.body !== 'string')
        return { problem: `${file}: operation ${index + 1} has no body` };
      if (operation.id && operation.id !== documentHash(operation.body)) {
        return {
          problem: `${file}: operation ${operation.name ?? index + 1} has an id that is not the SHA-256 of its body`,
        };
      }
      documents.push([operation.name ?? `operation ${index + 1}`, operation.body]);
    }
    return { documents };
  }
  return { documents: [[path.basename(file), text]] };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--client');
  const client = at >= 0 ? args[at + 1] : undefined;
  const files = args.filter((arg, i) => !arg.startsWith('--') && i !== at + 1);
  if (!client || !/^[A-Za-z0-9._-]{1,64}$/.test(client) || files.length === 0) {
    fail(
      'usage: npm run documents:register -- --client NAME FILE...   (FILE: an Apollo manifest .json or a .graphql document)',
    );
  }
  const documents: [string, string][] = [];
  for (const file of files) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      fail(`cannot read ${file}`);
    }
    const result = documentsOf(file, text);
    if ('problem' in result) fail(`${result.problem}; nothing was registered`);
    else documents.push(...result.documents);
  }
  for (const [name, body] of documents) {
    try {
      parse(body);
    } catch (error) {
      fail(
        `${name} does not parse (${(error as Error).message.split('\n')[0] ?? ''}); nothing was registered`,
      );
    }
  }
  const config = loadConfig();
  const stores = openConfiguredStores(config, createLogger({ level: 'warn' }));
  if (!(await stores.whenReady(10_000)))
    fail('The document store (REDIS_URL) does not answer; nothing was registered');
  const registry = new DocumentRegistry(stores.identity);
  let added = 0;
  for (const [name, body] of documents) {
    const result = await registry.register(client as string, body);
    if (result.added) added += 1;
    out(`${result.hash}  ${name}${result.added ? '' : '  (already registered)'}`);
  }
  await stores.close();
  out(`done: ${added} new of ${documents.length} documents registered for ${client as string}`);
}

if (require.main === module) {
  main().catch((error: unknown) => fail((error as Error).message));
}
