import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gql, startTestApp, type TestApp } from '@keygate/testing/e2e';
import { buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';

const ROOT = resolve(__dirname, '..', '..');
const CHECK = resolve(ROOT, '..', 'shared', 'tools', 'check-contract.mjs');
const SCHEMA_FILE = join(ROOT, 'apps', 'keygate', 'src', 'schema.gql');

function checkContract(schemaPath: string): string {
  if (!existsSync(CHECK)) throw new Error(`${CHECK} is missing: the repository expects ../shared beside it.`);
  return execFileSync(process.execPath, [CHECK, schemaPath], { cwd: ROOT, encoding: 'utf8' });
}

describe('GraphQL contract (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ KEYGATE_INTROSPECTION: 'true' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves a schema that honours ../shared/contract/keygate.graphql', async () => {
    const res = await gql(app.url, app.operatorToken, getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'keygate-served-schema-'));
    try {
      const served = join(dir, 'served.gql');
      writeFileSync(served, printSchema(buildClientSchema(res.data)));
      expect(checkContract(served)).toContain('honours the contract');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits a generated schema.gql that honours the contract', () => {
    expect(checkContract(SCHEMA_FILE)).toContain('honours the contract');
  });
});
