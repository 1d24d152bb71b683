/**
 * E2E harness: the real Keygate, in-process, on a free port, against the database of jest's
 * globalSetup (process.env.DATABASE_URL). Each test creates its own account: no truncation.
 */
import request from 'supertest';
import { createKeygateApp } from '../../../../apps/keygate/src/bootstrap';
import { parseConfig } from '../../../../apps/keygate/src/config';

/** The operator token every test app uses. */
export const TEST_OPERATOR_TOKEN = 'kgop_test_operator_token_0123456789';

/** A running test app. */
export interface TestApp {
  url: string;
  operatorToken: string;
  close(): Promise<void>;
}

/** Extra environment for the app under test (e.g. { KEYGATE_INTROSPECTION: 'true' }). */
export type TestEnvironment = Record<string, string | undefined>;

/** Starts the real application on 127.0.0.1:0. */
export async function startTestApp(env: TestEnvironment = {}): Promise<TestApp> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: run e2e specs through jest (its globalSetup starts PostgreSQL).');
  const config = parseConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    KEYGATE_ADMIN_TOKEN: TEST_OPERATOR_TOKEN,
    KEYGATE_MIGRATE_ON_START: 'false',
    LOG_LEVEL: process.env.KEYGATE_TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const keygate = await createKeygateApp(config);
  return { url: keygate.url, operatorToken: TEST_OPERATOR_TOKEN, close: keygate.close };
}

/** A GraphQL error as Keygate returns it. */
export interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The parsed answer of one GraphQL request. */
export interface GqlResponse<T = any> {
  status: number;
  data: T | null | undefined;
  errors: GqlError[] | undefined;
}

/** POSTs one GraphQL operation (always with variables, never spliced strings). */
export async function gql<T = any>(
  url: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResponse<T>> {
  const req = request(url).post('/graphql').set('content-type', 'application/json');
  if (token !== undefined) req.set('authorization', `Bearer ${token}`);
  const res = await req.send({ query, variables });
  return { status: res.status, data: res.body?.data, errors: res.body?.errors };
}

/** A fresh account and its root credential. */
export interface TestAccount {
  accountId: string;
  name: string;
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** "<accessKeyId>:<secretAccessKey>", ready for gql(). */
  credential: string;
}

const CREATE_ACCOUNT = `mutation CreateAccount($input: CreateAccountInput!) {
  createAccount(input: $input) {
    account { accountId name arn }
    rootAccessKey { accessKeyId secretAccessKey status createDate }
  }
}`;

let counter = 0;

/** Creates an account through createAccount (operator token) and returns its root credential. */
export async function createTestAccount(app: TestApp, name = `test-account-${process.pid}-${++counter}`): Promise<TestAccount> {
  const res = await gql(app.url, app.operatorToken, CREATE_ACCOUNT, { input: { name } });
  if (res.errors || !res.data) throw new Error(`createAccount failed: ${JSON.stringify(res.errors)}`);
  const { account, rootAccessKey } = res.data.createAccount;
  return {
    accountId: account.accountId,
    name: account.name,
    arn: account.arn,
    accessKeyId: rootAccessKey.accessKeyId,
    secretAccessKey: rootAccessKey.secretAccessKey,
    credential: `${rootAccessKey.accessKeyId}:${rootAccessKey.secretAccessKey}`,
  };
}
