/** Helpers of the authorize e2e specs: stable GraphQL documents (variables only) and small seeders. */
import { gql, type GqlResponse, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import { ok as iamOk } from './iam-e2e.helpers';
import { CREATE_KEY, ok as kmsOk } from './kms-e2e.helpers';

const RESULT = 'decision allowed reason missingContextKeys keyState decisionId revision matchedStatements { sourcePolicyType sourcePolicyId sid statementIndex effect }';
export const AUTHORIZE = `mutation Authorize($input: AuthorizeInput!) { authorize(input: $input) { ${RESULT} } }`;
export const AUTHORIZE_BATCH = `mutation AuthorizeBatch($inputs: [AuthorizeInput!]!) { authorizeBatch(inputs: $inputs) { ${RESULT} } }`;
export const SIMULATE = `query Simulate($input: SimulateCustomPolicyInput!) { simulateCustomPolicy(input: $input) { ${RESULT} } }`;
export const ACCOUNT_REVISION = `query AccountRevision($input: AccountRevisionInput) { accountRevision(input: $input) }`;

/** One authorize result as returned over HTTP. */
export interface Result {
  decision: 'ALLOWED' | 'IMPLICIT_DENY' | 'EXPLICIT_DENY';
  allowed: boolean;
  reason: string;
  missingContextKeys: string[];
  keyState: string | null;
  decisionId: string | null;
  revision: string | null;
  matchedStatements: Array<{ sourcePolicyType: string; sourcePolicyId: string; sid: string | null; statementIndex: number; effect: string }>;
}

/** authorize input fields. */
export interface AuthorizeVars {
  principalArn: string;
  action: string;
  resource: string;
  context?: Array<{ key: string; values: string[] }>;
  grantTokens?: string[];
  atLeastRevision?: string;
  atLeastKeyRevision?: string;
}

/** The 12-digit account inside an ARN, if any. */
function accountOf(arn: string): string | undefined {
  return /^arn:aws:[a-z]+:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/**
 * Read-your-writes for tests: authorize is eventually consistent (NOTIFY), so a test that just wrote
 * must pass the revisions it wrote: atLeastRevision for the principal's account, and
 * atLeastKeyRevision for the account of a key in another account.
 */
async function readYourWrites(app: TestApp, input: AuthorizeVars): Promise<AuthorizeVars> {
  if (input.atLeastRevision !== undefined || input.atLeastKeyRevision !== undefined) return input;
  const principalAccount = accountOf(input.principalArn);
  const resourceAccount = accountOf(input.resource);
  const withFloors = { ...input };
  if (resourceAccount && resourceAccount !== principalAccount) {
    const revision = await currentRevision(app, resourceAccount);
    if (revision) withFloors.atLeastKeyRevision = revision;
  }
  const revision = principalAccount ? await currentRevision(app, principalAccount) : undefined;
  if (revision) withFloors.atLeastRevision = revision;
  return withFloors;
}

/** The account's revision, or undefined when it cannot be read (unknown account, database down). */
async function currentRevision(app: TestApp, accountId: string): Promise<string | undefined> {
  const res = await gql(app.url, app.operatorToken, ACCOUNT_REVISION, { input: { accountId } });
  return res.errors ? undefined : (res.data?.accountRevision as string);
}

/**
 * Calls authorize (operator token unless a credential is given) with read-your-writes (unless the test
 * passes its own atLeastRevision) and fails loudly on GraphQL errors.
 */
export async function authorize(app: TestApp, input: AuthorizeVars, credential = app.operatorToken): Promise<Result> {
  const res = await gql(app.url, credential, AUTHORIZE, { input: await readYourWrites(app, input) });
  if (res.errors || !res.data) throw new Error(`authorize failed: ${JSON.stringify(res.errors)}`);
  return res.data.authorize as Result;
}

/** Raw authorize response (for error cases). */
export function authorizeRaw(app: TestApp, input: AuthorizeVars, credential = app.operatorToken): Promise<GqlResponse> {
  return gql(app.url, credential, AUTHORIZE, { input });
}

/** The current revision of an account, read as the operator. */
export async function revisionOf(app: TestApp, accountId: string): Promise<string> {
  const res = await gql(app.url, app.operatorToken, ACCOUNT_REVISION, { input: { accountId } });
  if (res.errors) throw new Error(`accountRevision failed: ${JSON.stringify(res.errors)}`);
  return res.data.accountRevision as string;
}

/** A policy document. */
export function policy(statements: object[], id?: string): string {
  return JSON.stringify({ Version: '2012-10-17', ...(id ? { Id: id } : {}), Statement: statements });
}

/** An IAM user with inline policy documents, and its ARN. */
export async function userWith(app: TestApp, root: TestAccount, userName: string, documents: string[] = [], path?: string): Promise<string> {
  const user = await iamOk(app, root.credential, 'createUser', { userName, ...(path ? { path } : {}) });
  for (const [i, policyDocument] of documents.entries()) await iamOk(app, root.credential, 'putUserPolicy', { userName, policyName: `p${i}`, policyDocument });
  return user.arn as string;
}

/** A user access key credential "<id>:<secret>". */
export async function credentialOf(app: TestApp, root: TestAccount, userName: string): Promise<string> {
  const key = await iamOk(app, root.credential, 'createAccessKey', { userName });
  return `${key.accessKeyId}:${key.secretAccessKey}`;
}

/** Creates a key through the API (default key policy unless one is given). */
export async function keyOf(app: TestApp, root: TestAccount, input: Record<string, unknown> = {}): Promise<{ keyId: string; arn: string }> {
  return (await kmsOk(app, root, CREATE_KEY, { input })).createKey;
}
