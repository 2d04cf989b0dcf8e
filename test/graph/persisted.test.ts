import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { documentHash } from '../../src/persisted/documents';
import { createLogger } from '../../src/logger';
import { openStores } from '../../src/stores';
import { startTestGateway } from '../helpers/gateway';
import type { TestGateway } from '../helpers/gateway';

const QUERY = 'query Health { vendors { vendor mode } }';
const HASH = documentHash(QUERY);
const pq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

async function post(gw: TestGateway, body: unknown) {
  const response = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: unknown;
      errors?: { extensions?: { code?: string } }[];
    },
  };
}

describe('automatic persisted queries', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  it('learns a document by hash and then runs it from the hash alone, by POST and by GET', async () => {
    const unknown = await post(gw, { extensions: pq(HASH) });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const learned = await post(gw, { query: QUERY, extensions: pq(HASH) });
    expect(learned.body.errors).toBeUndefined();
    const byHash = await post(gw, { extensions: pq(HASH) });
    expect(byHash.body).toEqual(learned.body);
    const get = await fetch(
      `${gw.url}/graphql?extensions=${encodeURIComponent(JSON.stringify(pq(HASH)))}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual(learned.body);
  });

  it('refuses a hash that does not match the document', async () => {
    const wrong = await post(gw, { query: QUERY, extensions: pq('0'.repeat(64)) });
    expect(wrong.status).toBe(400);
  });
});

describe('trusted documents (PERSISTED_ONLY=true)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'documents-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs only documents registered by the command, by hash or by text', async () => {
    const manifest = path.join(dir, 'manifest.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: HASH, name: 'Health', type: 'query', body: QUERY }],
      }),
    );
    const registered = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/documents-register.ts', '--client', 'mobile-ios', manifest],
      {
        cwd: path.resolve(__dirname, '..', '..'),
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dir },
        encoding: 'utf8',
      },
    );
    expect(registered.status).toBe(0);
    expect(registered.stdout).toContain(`${HASH}  Health`);

    const stores = openStores(dir, createLogger({ level: 'silent' }));
    const gw = await startTestGateway({
      env: { PERSISTED_ONLY: 'true' },
      identityStore: stores.identity,
    });
    try {
      const byHash = await post(gw, { extensions: pq(HASH) });
      expect(byHash.body.errors).toBeUndefined();
      expect(byHash.body.data).toEqual({ vendors: expect.any(Array) as unknown });
      expect((await post(gw, { query: QUERY })).body.errors).toBeUndefined();
      const other = await post(gw, { query: '{ vendors { vendor } }' });
      expect(other.status).toBe(400);
      expect(other.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const unknownHash = await post(gw, { extensions: pq(documentHash('{ vendors { state } }')) });
      expect(unknownHash.status).toBe(400);
      expect(unknownHash.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      // Nothing new is learned from a client sending text with a hash.
      const sneaky = await post(gw, {
        query: '{ vendors { state } }',
        extensions: pq(documentHash('{ vendors { state } }')),
      });
      expect(sneaky.status).toBe(400);
    } finally {
      await gw.close();
      await stores.close();
    }
  });

  it('registers nothing when a document does not parse', () => {
    const bad = path.join(dir, 'bad.graphql');
    writeFileSync(bad, 'query { vendors { ');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/documents-register.ts', '--client', 'web', bad],
      {
        cwd: path.resolve(__dirname, '..', '..'),
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dir },
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('does not parse');
    expect(result.stderr).toContain('nothing was registered');
  });
});
