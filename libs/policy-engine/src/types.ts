/**
 * Public types of the policy engine. Everything here is plain data: no classes, no I/O.
 * The engine is pure: time, region and every fact about principals and keys arrive in the request.
 */

/** Which grammar a document follows: identity policies (user, group, role, boundary) or resource
 * policies (KMS key policies, role trust policies). */
export type PolicyKind = 'identity' | 'resource';

/** Access Analyzer finding types. ERROR means "AWS would reject this document on write". */
export type FindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

/** One validation finding, modelled on IAM Access Analyzer ValidatePolicy. */
export interface Finding {
  findingType: FindingType;
  /** Stable upper-snake code, e.g. MISSING_EFFECT, INVALID_ACTION, POLICY_SIZE_EXCEEDED. */
  issueCode: string;
  /** One line, IAM wording where known. */
  message: string;
  /** JSON path inside the document, e.g. "Statement[2].Condition" ("" for the whole document). */
  path: string;
}

/** Where a statement came from, as reported in decisions (mirrors the contract enum). */
export type PolicySourceType = 'IDENTITY' | 'RESOURCE' | 'PERMISSIONS_BOUNDARY' | 'GRANT';

/** Final policy decision (mirrors the contract enum). */
export type Decision = 'ALLOWED' | 'IMPLICIT_DENY' | 'EXPLICIT_DENY';

/** Effect of a matched statement (mirrors the contract enum). */
export type StatementEffect = 'ALLOW' | 'DENY';

/** One statement (or grant) that matched the request. */
export interface MatchedStatement {
  sourcePolicyType: PolicySourceType;
  /** Policy ARN, "<owner ARN>/inline/<name>", key ARN, or grant id: whatever the caller passed as policyId. */
  sourcePolicyId: string;
  sid?: string;
  /** 0-based position in the policy's Statement list (0 for a grant). */
  statementIndex: number;
  effect: StatementEffect;
}

/** The answer to an authorization request, with its explanation. */
export interface AuthorizationDecision {
  decision: Decision;
  /** Every statement that matched (Allow and Deny, every evaluated policy type) and one GRANT entry per grant that allowed. */
  matchedStatements: MatchedStatement[];
  /** Condition keys used by conditions of evaluated statements that the request context did not carry (sorted, as written in the policy). */
  missingContextKeys: string[];
  /** One sentence; AWS form for denials: "User: <arn> is not authorized to perform: <action> on resource: <arn> because ..." */
  reason: string;
}

/** aws:PrincipalType values. */
export type PrincipalType = 'Account' | 'User' | 'AssumedRole' | 'FederatedUser' | 'Service';

/** Facts the server knows about the caller; the engine derives aws:* context keys from them. */
export interface PrincipalFacts {
  /** Caller ARN as AWS reports it: root, user, assumed-role session, federated user, or service principal name. */
  arn: string;
  /** 12-digit account of the caller (absent for service principals). */
  accountId?: string;
  type: PrincipalType;
  /** aws:PrincipalArn: the role ARN (with path) for a role session, otherwise the caller ARN. */
  principalArn: string;
  /** aws:username: IAM users only. */
  userName?: string;
  /** aws:userid: account id for root, AIDA... for users, AROA...:session for role sessions. */
  userId?: string;
  /** aws:PrincipalTag/* (user or role tags). */
  tags?: Record<string, string>;
}

/** KMS key state names as in the contract. */
export type KeyState = 'ENABLED' | 'DISABLED' | 'PENDING_DELETION' | 'PENDING_IMPORT';

/** Facts about the KMS key the resource resolved to. */
export interface KeyFacts {
  arn: string;
  accountId: string;
  region: string;
  keyState: KeyState;
  keySpec: string;
  keyUsage: string;
  origin: string;
  multiRegion?: boolean;
  /** Alias names ("alias/x") currently pointing at the key: kms:ResourceAliases (IAM policies only). */
  aliases: string[];
  /** aws:ResourceTag/* (IAM policies only). */
  tags: Record<string, string>;
  /**
   * Optional, for speed: keyTargetOf(arn), built once when the key is loaded. Opaque; without it
   * (or with anything keyTargetOf did not build for this `arn`) the engine builds it per decision.
   */
  target?: KeyTarget;
}

/** What keyTargetOf(keyArn) returns: opaque to callers (its target is private to the engine). */
export interface KeyTarget {
  readonly kind: 'key-target';
  /** Nothing for callers (undefined): the engine keeps the target in a private field. */
  readonly internal: unknown;
}

/** A KMS grant on the key, as stored. Grants can only allow. */
export interface GrantFacts {
  grantId: string;
  /** Grantee principal ARN (account root, user, role, or assumed-role session). */
  granteePrincipal: string;
  retiringPrincipal?: string;
  /** Grant operations without prefix, e.g. ["Encrypt", "Decrypt"]. */
  operations: string[];
  constraints?: {
    encryptionContextEquals?: Record<string, string>;
    encryptionContextSubset?: Record<string, string>;
  };
  /** The grant token; a grant that is not yet effective is usable only when the request carries its token. */
  grantToken?: string;
  /** False while the grant is "eventually consistent"; Keygate stores grants as effective at once. */
  effective: boolean;
}

/** A caller-supplied context entry (e.g. kms:EncryptionContext:Department, aws:SourceIp). */
export interface ContextEntry {
  key: string;
  values: string[];
}

/** Opaque compiled policy: produced once by compilePolicy, evaluated many times. Immutable. */
export interface CompiledPolicy {
  readonly policyId: string;
  readonly sourceType: PolicySourceType;
  readonly kind: PolicyKind;
  /** Effective version used for variables ("2012-10-17" or "2008-10-17"). */
  readonly version: string;
  /** Engine-internal representation; do not inspect outside the engine. */
  readonly internal: unknown;
}

/**
 * A principal's identity policies merged for fast evaluation (createPolicySet). Opaque and
 * immutable to callers; decides exactly what its `policies` evaluated one by one decide.
 */
export interface CompiledPolicySet {
  readonly kind: 'identity-set';
  readonly policies: readonly CompiledPolicy[];
  /** Engine-internal representation; do not inspect outside the engine. */
  readonly internal: unknown;
}

/** Everything the engine needs to decide one request. Built by the service from its snapshot. */
export interface AuthorizationRequest {
  principal: PrincipalFacts;
  /** e.g. "kms:Encrypt" or "iam:CreateUser" (case-insensitive). */
  action: string;
  /** Key ARN, alias ARN, IAM ARN, or "*" for actions without a resource. */
  resource: string;
  /** Owner account of the resource when the resource ARN carries none (e.g. "*"). */
  resourceAccount?: string;
  /** The key the resource resolved to (for an alias ARN: its target key); absent when none. */
  key?: KeyFacts;
  /** kms:RequestAlias: the alias name the caller used to name the key, if any. */
  requestAlias?: string;
  /** Identity policies of the principal (own, groups', role's). */
  identityPolicies: CompiledPolicy[];
  /**
   * Optional: createPolicySet(identityPolicies) of the same array, for speed. Used only when
   * `identitySet.policies === identityPolicies`; otherwise the policies are evaluated one by one.
   */
  identitySet?: CompiledPolicySet;
  /** Permissions boundary of the principal, if one is set. */
  permissionsBoundary?: CompiledPolicy;
  /** Further boundaries (simulation only; AWS allows one): each must allow, any Deny is final. */
  additionalPermissionsBoundaries?: CompiledPolicy[];
  /** The key policy (or resource-based policy). For a KMS key, absent means "no key policy": nothing allows. */
  resourcePolicy?: CompiledPolicy;
  /** Grants on the key. */
  grants?: GrantFacts[];
  grantTokens?: string[];
  /** Caller-supplied context keys; they can never override a server-derived key. */
  context?: ContextEntry[];
  /** Request time in epoch milliseconds (aws:CurrentTime, aws:EpochTime). */
  timeMs: number;
  /** aws:RequestedRegion. */
  region: string;
  /** aws:SecureTransport: whether the request arrived over TLS (server fact; default true). */
  secureTransport?: boolean;
}

/** Input of the stateless simulator (the GraphQL simulateCustomPolicy and the golden cases). */
export interface SimulationInput {
  principalArn: string;
  action: string;
  resource: string;
  resourceAccount?: string;
  /** JSON documents that apply to the principal. */
  identityPolicies: string[];
  /** JSON document: the key policy / resource-based policy. */
  resourcePolicy?: string;
  permissionsBoundaries?: string[];
  context?: ContextEntry[];
  /** Extras beyond the GraphQL input (used by golden cases): */
  principalTags?: Record<string, string>;
  /** Role ARN with path for assumed-role sessions (otherwise derived as arn:aws:iam::A:role/ROLE). */
  roleArn?: string;
  key?: Partial<Omit<KeyFacts, 'arn' | 'accountId'>>;
  requestAlias?: string;
  grants?: GrantFacts[];
  grantTokens?: string[];
  /** ISO time; default 2026-01-01T00:00:00Z so results are deterministic. */
  time?: string;
  /** default us-east-1 */
  region?: string;
}

/** Result of simulate: a decision, or the findings that made a document impossible to parse. */
export type SimulationResult =
  | { ok: true; result: AuthorizationDecision }
  | { ok: false; documentIndex: string; findings: Finding[] };
