/**
 * REFERENCE evaluator: the test oracle for the differential suite (reliability plan §6d, I12).
 * Written straight from aws-kms-iam-semantics.md §3.1-§3.3 and DECISIONS.md; it shares no code
 * with the engine (only the plain types). Obvious over fast. Scope: the subset the generators use
 * (one permissions boundary, policy variables, same-account grants; no SCPs or key states).
 */
import type { Decision, SimulationInput } from '../types';
import { conditionHolds } from './reference-conditions';
import { grantHit, type GrantHit } from './reference-grants';
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

/** §5.1 + Service Authorization Reference: the KMS actions whose request carries no kms:CallerAccount. */
const NO_CALLER_ACCOUNT = new Set(
  ['GenerateRandom', 'ListAliases', 'ListKeys', 'ListRetirableGrants', 'SynchronizeMultiRegionKey'].map((a) => `kms:${a}`.toLowerCase()),
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
  for (const entry of input.context ?? []) {
    if (!entry.key.toLowerCase().startsWith('aws:principaltag/')) ctx.set(entry.key.toLowerCase(), entry.values);
  }
  for (const [tag, value] of Object.entries(input.principalTags ?? {})) ctx.set(`aws:principaltag/${tag.toLowerCase()}`, [value]);
  ctx.set('aws:requestedregion', [input.region ?? 'us-east-1']);
  ctx.set('aws:principalaccount', [caller.account]);
  ctx.set('aws:principalarn', [caller.roleArn ?? caller.arn]);
  const action = input.action.toLowerCase();
  if (action.startsWith('kms:') && !NO_CALLER_ACCOUNT.has(action)) ctx.set('kms:calleraccount', [caller.account]);
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
function applies(st: RawStatement, req: Request, variables: boolean): boolean {
  return (
    statementCoversAction(st, req.action) &&
    statementCoversResource(st, req.resource, variables ? req.context : undefined) &&
    conditionHolds(st.Condition, req.context, variables)
  );
}

/** §1.1/§1.6: only a 2012-10-17 document substitutes policy variables. */
const variablesOn = (doc: unknown) => (doc as { Version?: unknown } | null)?.Version === '2012-10-17';

/** Matching statements of a set of documents with the given Effect. */
function matching(docs: unknown[], effect: 'Allow' | 'Deny', req: Request): RawStatement[] {
  return docs.flatMap((doc) => statementsOf(doc).filter((st) => st.Effect === effect && applies(st, req, variablesOn(doc))));
}

/** How the matching resource-policy statements of an Effect name the caller ('none' dropped). */
function hitsOf(doc: unknown, effect: 'Allow' | 'Deny', req: Request): Set<PrincipalHit> {
  const hits = matching(doc === undefined ? [] : [doc], effect, req).map((st) => principalHit(st, req.caller));
  return new Set(hits.filter((h) => h !== 'none'));
}

const isDirect = (hits: Set<PrincipalHit>) => hits.has('exact') || hits.has('role') || hits.has('star');

/** A decision, or UNCONFIRMED where the semantics document leaves the answer open. */
export type ReferenceVerdict = Decision | 'UNCONFIRMED';

/** The documents that apply, parsed. `resource` is ignored by callers for which it has no effect. */
interface Policies {
  identity: unknown[];
  boundary?: unknown;
  resource?: unknown;
}

/** §3.1 step 1: any matching Deny in identity policies, the boundary or (when it counts) the resource policy. */
function denied(req: Request, p: Policies, resourceCounts: boolean): boolean {
  const boundary = p.boundary === undefined ? [] : [p.boundary];
  if (matching(p.identity, 'Deny', req).length > 0 || matching(boundary, 'Deny', req).length > 0) return true;
  // A resource-policy Deny naming the caller's account hits every principal in it (§3.3 pseudo-code).
  return resourceCounts && hitsOf(p.resource, 'Deny', req).size > 0;
}

/** Facts of the IAM side: identity allow (the root has an implicit one in its own account) and the boundary. */
function iamSide(req: Request, p: Policies): { chain: boolean; boundaryBlocks: boolean } {
  const boundaryBlocks = p.boundary !== undefined && matching([p.boundary], 'Allow', req).length === 0;
  const identity = req.caller.isRoot || matching(p.identity, 'Allow', req).length > 0;
  return { chain: identity && !boundaryBlocks, boundaryBlocks };
}

/** §3.3 authorizeKms for an action on a key ARN. Grants (§3.4) add allows; a grant to an account
 * root, a grant used across accounts, or a boundary against a direct key-policy grant is UNCONFIRMED. */
function kmsKeyDecision(req: Request, p: Policies, keyAccount: string, grant: GrantHit): ReferenceVerdict {
  const sameAccount = req.caller.account === keyAccount;
  if (denied(req, p, true)) return 'EXPLICIT_DENY';
  if (!sameAccount && !CROSS_ACCOUNT_ACTIONS.has(req.action.toLowerCase())) return 'IMPLICIT_DENY';
  // DECISIONS 6: without a key policy nothing comes from IAM; whether a grant still allows
  // (§3.3 rule 1 lists grants as a separate path) is not settled, so that case is UNCONFIRMED.
  if (p.resource === undefined) return grant === 'none' ? 'IMPLICIT_DENY' : 'UNCONFIRMED';
  const hits = hitsOf(p.resource, 'Allow', req);
  const iam = iamSide(req, p);
  const direct = sameAccount && isDirect(hits);
  if ((direct && !iam.boundaryBlocks) || (hits.size > 0 && iam.chain)) return 'ALLOWED';
  if (sameAccount && grant === 'principal') return 'ALLOWED';
  if (grant !== 'none' || direct) return 'UNCONFIRMED';
  return 'IMPLICIT_DENY';
}

/** §3.3 rule 5: non-key KMS actions are decided by the caller's IAM policies alone. */
function kmsNonKeyDecision(req: Request, p: Policies): ReferenceVerdict {
  if (denied(req, p, false)) return 'EXPLICIT_DENY';
  return iamSide(req, p).chain ? 'ALLOWED' : 'IMPLICIT_DENY';
}

/** §3.1/§3.2 generic algorithm: same account = IAM chain OR a direct resource grant (the §3.1
 * table: user/session ARN not limited by the boundary, role ARN limited, "*" not documented);
 * cross-account = resource policy trusts the caller AND the IAM chain allows. */
function genericDecision(req: Request, p: Policies, owner: string): ReferenceVerdict {
  if (denied(req, p, true)) return 'EXPLICIT_DENY';
  const hits = hitsOf(p.resource, 'Allow', req);
  const iam = iamSide(req, p);
  if (req.caller.account !== owner) return hits.size > 0 && iam.chain ? 'ALLOWED' : 'IMPLICIT_DENY';
  if (iam.chain || hits.has('exact') || (isDirect(hits) && !iam.boundaryBlocks)) return 'ALLOWED';
  return hits.has('star') ? 'UNCONFIRMED' : 'IMPLICIT_DENY';
}

/** Parse a document; the generators only produce parseable JSON. */
function parse(text: string): unknown {
  return JSON.parse(text) as unknown;
}

/** Decide a SimulationInput from first principles: a decision, or UNCONFIRMED when the answer
 * depends on a point the semantics leave open (several boundaries, a boundary on the root, a
 * boundary against a direct key-policy or "*" grant, grants to an account root or across accounts). Throws on documents that are not JSON. */
export function referenceVerdict(input: SimulationInput): ReferenceVerdict {
  const caller = callerOf(input);
  const req: Request = { action: input.action, resource: input.resource, context: contextOf(input, caller), caller };
  const boundaries = (input.permissionsBoundaries ?? []).map(parse);
  if (boundaries.length > 1 || (boundaries.length === 1 && caller.isRoot)) return 'UNCONFIRMED';
  const p: Policies = {
    identity: input.identityPolicies.map(parse),
    boundary: boundaries[0],
    resource: input.resourcePolicy === undefined ? undefined : parse(input.resourcePolicy),
  };
  const arn = /^arn:[^:]*:([^:]*):[^:]*:([^:]*):(.*)$/.exec(input.resource);
  const isKms = input.action.toLowerCase().startsWith('kms:');
  if (isKms && NON_KEY_ACTIONS.has(input.action.toLowerCase())) return kmsNonKeyDecision(req, p);
  if (isKms && arn && arn[1] === 'kms' && arn[3].startsWith('key/')) {
    const grant = grantHit(input.grants ?? [], input.grantTokens ?? [], caller, input.action, input.context ?? []);
    return kmsKeyDecision(req, p, arn[2], grant);
  }
  return genericDecision(req, p, (arn && arn[2]) || input.resourceAccount || caller.account);
}

/** The reference decision only; throws when the semantics leave the answer open (see referenceVerdict). */
export function referenceSimulate(input: SimulationInput): Decision {
  const verdict = referenceVerdict(input);
  if (verdict === 'UNCONFIRMED') throw new Error('referenceSimulate: the semantics leave this case open (UNCONFIRMED)');
  return verdict;
}
