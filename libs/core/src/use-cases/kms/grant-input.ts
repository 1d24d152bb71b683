/** Validation of CreateGrant arguments (semantics §3.4, §6.2). */
import { type ContextEntry, GRANT_OPERATIONS } from '@keygate/policy-engine';
import { errors } from '../../errors/domain-error';
import type { KmsGrantConstraints } from '../../ports/kms.repository';
import { quote } from './key-identifier';

/** A key/value pair of an encryption-context constraint. */
export interface ContextPair {
  key: string;
  value: string;
}

/** Input of createGrant (contract CreateGrantInput). */
export interface CreateGrantInput {
  keyId: string;
  granteePrincipal: string;
  operations: string[];
  retiringPrincipal?: string | null;
  name?: string | null;
  constraints?: { encryptionContextSubset?: ContextPair[] | null; encryptionContextEquals?: ContextPair[] | null } | null;
  grantTokens?: string[] | null;
}

/** A validated grant request. */
export interface GrantRequest {
  granteePrincipal: string;
  retiringPrincipal: string | null;
  operations: string[];
  name: string | null;
  constraints: KmsGrantConstraints | null;
  grantTokens: string[];
}

/** Principal ARNs a grant may name: account root, IAM user, IAM role, assumed-role session. */
export const GRANT_PRINCIPAL =
  /^arn:aws:(?:iam::(\d{12}):(?:root|(?:user|role)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64})|sts::(\d{12}):assumed-role\/[\w+=,.@-]{1,64}\/[\w+=,.@-]{2,64})$/;
const GRANT_NAME = /^[a-zA-Z0-9:/_-]{1,256}$/;
const MAX_CONSTRAINT_PAIRS = 8;
const MAX_CONTEXT_VALUE = 384;
const MAX_GRANT_TOKENS = 10;
const MAX_GRANT_TOKEN_LENGTH = 8192;

/** Validates a grantee / retiring principal ARN (at most 256 characters). */
export function validateGrantPrincipal(field: string, value: string): string {
  if (typeof value !== 'string' || value.length > 256 || !GRANT_PRINCIPAL.test(value)) {
    throw errors.validation(`Invalid ${field} ${quote(String(value))}: use the ARN of an account root, IAM user, IAM role or assumed-role session.`);
  }
  return value;
}

/** The 12-digit account of a principal ARN accepted by validateGrantPrincipal. */
export function accountOfPrincipal(arn: string): string {
  const m = GRANT_PRINCIPAL.exec(arn);
  return m?.[1] ?? m?.[2] ?? '';
}

function contextMap(field: string, pairs: ContextPair[] | null | undefined): Record<string, string> | undefined {
  if (pairs == null || pairs.length === 0) return undefined;
  if (pairs.length > MAX_CONSTRAINT_PAIRS) throw errors.validation(`${field} may hold at most ${MAX_CONSTRAINT_PAIRS} pairs.`);
  const out: Record<string, string> = {};
  for (const { key, value } of pairs) {
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_CONTEXT_VALUE || typeof value !== 'string' || value.length > MAX_CONTEXT_VALUE) {
      throw errors.validation(`Invalid ${field} pair ${quote(String(key))}: keys 1-${MAX_CONTEXT_VALUE} and values 0-${MAX_CONTEXT_VALUE} characters.`);
    }
    if (Object.prototype.hasOwnProperty.call(out, key)) throw errors.validation(`Duplicate key ${quote(key)} in ${field}.`);
    out[key] = value;
  }
  return out;
}

function validateOperations(operations: string[]): string[] {
  if (!Array.isArray(operations) || operations.length === 0) throw errors.validation('operations must list at least one grant operation.');
  for (const op of operations) {
    if (!GRANT_OPERATIONS.includes(op)) throw errors.validation(`Invalid grant operation ${quote(String(op))}: use one of ${GRANT_OPERATIONS.join(', ')}.`);
  }
  return [...new Set(operations)];
}

function validateGrantTokens(tokens: string[] | null | undefined): string[] {
  const list = tokens ?? [];
  if (list.length > MAX_GRANT_TOKENS) throw errors.validation(`At most ${MAX_GRANT_TOKENS} grant tokens per request.`);
  for (const t of list) {
    if (typeof t !== 'string' || t.length < 1 || t.length > MAX_GRANT_TOKEN_LENGTH) throw errors.validation('Invalid grant token.');
  }
  return list;
}

/** Validates every CreateGrant argument that does not depend on the key. */
export function validateGrantRequest(input: CreateGrantInput): GrantRequest {
  const granteePrincipal = validateGrantPrincipal('granteePrincipal', input.granteePrincipal);
  const retiringPrincipal = input.retiringPrincipal == null ? null : validateGrantPrincipal('retiringPrincipal', input.retiringPrincipal);
  if (input.name != null && !GRANT_NAME.test(input.name)) {
    throw errors.validation(`Invalid grant name ${quote(input.name)}: 1 to 256 of a-z A-Z 0-9 : / _ -.`);
  }
  const equals = contextMap('encryptionContextEquals', input.constraints?.encryptionContextEquals);
  const subset = contextMap('encryptionContextSubset', input.constraints?.encryptionContextSubset);
  const constraints = equals || subset ? { ...(equals ? { encryptionContextEquals: equals } : {}), ...(subset ? { encryptionContextSubset: subset } : {}) } : null;
  return {
    granteePrincipal,
    retiringPrincipal,
    operations: validateOperations(input.operations),
    name: input.name ?? null,
    constraints,
    grantTokens: validateGrantTokens(input.grantTokens),
  };
}

/** kms:GrantOperations, kms:GranteePrincipal, kms:RetiringPrincipal, kms:GrantConstraintType and the constraint's encryption context. */
export function grantRequestContext(req: GrantRequest): ContextEntry[] {
  const out: ContextEntry[] = [
    { key: 'kms:GrantOperations', values: req.operations },
    { key: 'kms:GranteePrincipal', values: [req.granteePrincipal] },
    { key: 'kms:GrantIsForAWSResource', values: ['false'] },
  ];
  if (req.retiringPrincipal) out.push({ key: 'kms:RetiringPrincipal', values: [req.retiringPrincipal] });
  const c = req.constraints;
  if (c) {
    const types = [...(c.encryptionContextEquals ? ['EncryptionContextEquals'] : []), ...(c.encryptionContextSubset ? ['EncryptionContextSubset'] : [])];
    out.push({ key: 'kms:GrantConstraintType', values: types });
    const pairs = { ...c.encryptionContextSubset, ...c.encryptionContextEquals };
    for (const [k, v] of Object.entries(pairs)) out.push({ key: `kms:EncryptionContext:${k}`, values: [v] });
  }
  return out;
}

/** True when two grant requests carry identical parameters (CreateGrant idempotency by name). */
export function sameGrantParameters(
  a: Pick<GrantRequest, 'granteePrincipal' | 'retiringPrincipal' | 'operations' | 'constraints'>,
  b: Pick<GrantRequest, 'granteePrincipal' | 'retiringPrincipal' | 'operations' | 'constraints'>,
): boolean {
  const ops = (x: string[]) => [...x].sort().join(',');
  const ctx = (x: Record<string, string> | undefined) => JSON.stringify(Object.entries(x ?? {}).sort());
  return (
    a.granteePrincipal === b.granteePrincipal &&
    (a.retiringPrincipal ?? null) === (b.retiringPrincipal ?? null) &&
    ops(a.operations) === ops(b.operations) &&
    ctx(a.constraints?.encryptionContextEquals) === ctx(b.constraints?.encryptionContextEquals) &&
    ctx(a.constraints?.encryptionContextSubset) === ctx(b.constraints?.encryptionContextSubset) &&
    !!a.constraints?.encryptionContextEquals === !!b.constraints?.encryptionContextEquals &&
    !!a.constraints?.encryptionContextSubset === !!b.constraints?.encryptionContextSubset
  );
}
