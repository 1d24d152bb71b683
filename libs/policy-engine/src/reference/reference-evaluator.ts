/**
 * REFERENCE evaluator: the test oracle for the differential suite (reliability plan §6d, I12).
 * Written straight from aws-kms-iam-semantics.md §3.1-§3.3 and DECISIONS.md; it shares no code
 * with the engine (only the plain types). Obvious over fast. Scope: the subset the generators use
 * (no grants, boundaries, SCPs, policy variables or key states).
 */
import type { Decision, SimulationInput } from '../types';
import { conditionHolds } from './reference-conditions';
import {
  principalHit,
  statementCoversAction,
  statementCoversResource,
  statementsOf,
  type PrincipalHit,
  type RawStatement,
  type RefCaller,
  type RefContext,
} from './reference-matching';

/** §3.3 rule 4: the only actions that work across accounts. */
const CROSS_ACCOUNT_ACTIONS = new Set(
  [
    'CreateGrant', 'Decrypt', 'DeriveSharedSecret', 'DescribeKey', 'Encrypt', 'GenerateDataKey',
    'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext',
    'GenerateMac', 'GetKeyRotationStatus', 'GetPublicKey', 'ListGrants', 'ReEncryptFrom', 'ReEncryptTo',
    'RetireGrant', 'RevokeGrant', 'Sign', 'Verify', 'VerifyMac',
  ].map((a) => `kms:${a}`.toLowerCase()),
);

/** §3.3 rule 5: KMS actions without a key resource (authorized by IAM in the caller's account). */
const NON_KEY_ACTIONS = new Set(
  [
    'CreateKey', 'ListKeys', 'ListAliases', 'GenerateRandom', 'ListRetirableGrants', 'CreateCustomKeyStore',
    'ConnectCustomKeyStore', 'DisconnectCustomKeyStore', 'UpdateCustomKeyStore', 'DeleteCustomKeyStore',
    'DescribeCustomKeyStores',
  ].map((a) => `kms:${a}`.toLowerCase()),
);

/** Caller facts derived from the principal ARN alone (root, user, assumed-role session, role). */
function callerOf(input: SimulationInput): RefCaller {
  const arn = input.principalArn;
  const m = /^arn:aws:(iam|sts)::(\d{12}):(.*)$/.exec(arn);
  const account = m ? m[2] : '';
  const rest = m ? m[3] : '';
  const session = /^assumed-role\/([^/]+)\/[^/]+$/.exec(rest);
  return {
    arn,
    account,
    isRoot: m?.[1] === 'iam' && rest === 'root',
    roleArn: session ? (input.roleArn ?? `arn:aws:iam::${account}:role/${session[1]}`) : undefined,
    userName: m?.[1] === 'iam' && rest.startsWith('user/') ? rest.split('/').pop() : undefined,
  };
}

/** Request context: server-derived aws:* keys win over caller-supplied entries (key names are case-insensitive). */
function contextOf(input: SimulationInput, caller: RefCaller): RefContext {
  const ctx: RefContext = new Map();
  for (const entry of input.context ?? []) ctx.set(entry.key.toLowerCase(), entry.values);
  ctx.set('aws:principalaccount', [caller.account]);
  ctx.set('aws:principalarn', [caller.roleArn ?? caller.arn]);
  if (input.action.toLowerCase().startsWith('kms:')) ctx.set('kms:calleraccount', [caller.account]);
  if (caller.userName !== undefined) ctx.set('aws:username', [caller.userName]);
  else ctx.delete('aws:username');
  return ctx;
}

interface Request {
  action: string;
  resource: string;
  context: RefContext;
  caller: RefCaller;
}

/** Statement applies to the request, ignoring Principal (identity policies have none). */
function applies(st: RawStatement, req: Request): boolean {
  return (
    statementCoversAction(st, req.action) &&
    statementCoversResource(st, req.resource) &&
    conditionHolds(st.Condition, req.context)
  );
}

/** Matching statements of a set of documents with the given Effect. */
function matching(docs: unknown[], effect: 'Allow' | 'Deny', req: Request): RawStatement[] {
  return docs.flatMap(statementsOf).filter((st) => st.Effect === effect && applies(st, req));
}

/** Best principal hit among the matching resource-policy statements of an Effect. */
function resourceHit(doc: unknown, effect: 'Allow' | 'Deny', req: Request): PrincipalHit {
  const hits = matching(doc === undefined ? [] : [doc], effect, req).map((st) => principalHit(st, req.caller));
  if (hits.includes('direct')) return 'direct';
  return hits.includes('account') ? 'account' : 'none';
}

/** §3.3 authorizeKms for an action on a key ARN (no grants). */
function kmsKeyDecision(req: Request, identity: unknown[], keyPolicy: unknown, keyAccount: string): Decision {
  const sameAccount = req.caller.account === keyAccount;
  // Deny first (§3.1 step 1): a key-policy Deny naming the caller's account hits every principal in it.
  if (matching(identity, 'Deny', req).length > 0 || resourceHit(keyPolicy, 'Deny', req) !== 'none') {
    return 'EXPLICIT_DENY';
  }
  if (!sameAccount && !CROSS_ACCOUNT_ACTIONS.has(req.action.toLowerCase())) return 'IMPLICIT_DENY';
  // DECISIONS 6: no key policy => nothing allows.
  const hit = resourceHit(keyPolicy, 'Allow', req);
  const iamAllows = req.caller.isRoot || matching(identity, 'Allow', req).length > 0;
  if (sameAccount && hit === 'direct') return 'ALLOWED';
  if (hit !== 'none' && iamAllows) return 'ALLOWED';
  return 'IMPLICIT_DENY';
}

/** §3.3 rule 5: non-key KMS actions are decided by the caller's IAM policies alone. */
function kmsNonKeyDecision(req: Request, identity: unknown[]): Decision {
  if (matching(identity, 'Deny', req).length > 0) return 'EXPLICIT_DENY';
  return req.caller.isRoot || matching(identity, 'Allow', req).length > 0 ? 'ALLOWED' : 'IMPLICIT_DENY';
}

/** §3.1/§3.2 generic algorithm (no boundaries): same account = identity OR direct resource grant;
 * cross-account = resource policy trusts the caller AND the caller's IAM allows. */
function genericDecision(req: Request, identity: unknown[], resourcePolicy: unknown, owner: string): Decision {
  if (matching(identity, 'Deny', req).length > 0 || resourceHit(resourcePolicy, 'Deny', req) !== 'none') {
    return 'EXPLICIT_DENY';
  }
  const hit = resourceHit(resourcePolicy, 'Allow', req);
  const iamAllows = req.caller.isRoot || matching(identity, 'Allow', req).length > 0;
  if (req.caller.account === owner) return iamAllows || hit === 'direct' ? 'ALLOWED' : 'IMPLICIT_DENY';
  return hit !== 'none' && iamAllows ? 'ALLOWED' : 'IMPLICIT_DENY';
}

/** Parse a document; the generators only produce parseable JSON. */
function parse(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/**
 * Decide a SimulationInput from first principles and return only the decision.
 * Throws on documents that are not JSON (callers only pass generated, valid documents).
 */
export function referenceSimulate(input: SimulationInput): Decision {
  const caller = callerOf(input);
  const req: Request = { action: input.action, resource: input.resource, context: contextOf(input, caller), caller };
  const identity = input.identityPolicies.map(parse);
  const resourcePolicy = input.resourcePolicy === undefined ? undefined : parse(input.resourcePolicy);
  const arn = /^arn:[^:]*:([^:]*):[^:]*:([^:]*):(.*)$/.exec(input.resource);
  const isKms = input.action.toLowerCase().startsWith('kms:');
  if (isKms && NON_KEY_ACTIONS.has(input.action.toLowerCase())) return kmsNonKeyDecision(req, identity);
  if (isKms && arn && arn[1] === 'kms' && arn[3].startsWith('key/')) {
    return kmsKeyDecision(req, identity, resourcePolicy, arn[2]);
  }
  const owner = (arn && arn[2]) || input.resourceAccount || caller.account;
  return genericDecision(req, identity, resourcePolicy, owner);
}
