/** Turns an Authorization header into a Caller (contract: `Authorization: Bearer <credential>`). */
import { errors } from '../errors/domain-error';
import type { AccessKeyRecord } from '../ports/account.repository';
import type { Store } from '../ports/store.port';
import { type Caller, type PrincipalCaller, rootArn } from './caller';
import { CredentialCache } from './credential-cache';
import { ACCESS_KEY_ID_PATTERN, secretMatches, tokenDigest, tokenMatchesDigest } from './credentials';

/** What authentication needs to know about an IAM user that owns an access key. */
export interface AuthenticatedUser {
  userId: string;
  userName: string;
  arn: string;
}

/**
 * Port: finds the IAM user owning an access key. Bound in the composition root; the IAM feature
 * supplies the real one (until then, user-owned keys cannot authenticate).
 */
export interface UserLookup {
  findUser(accountId: string, userId: string): Promise<AuthenticatedUser | null>;
}

/** DI token for UserLookup. */
export const USER_LOOKUP = Symbol('USER_LOOKUP');

/** Dependencies of the Authenticator. */
export interface AuthenticatorDeps {
  operatorToken: string;
  store: Store;
  users: UserLookup;
  /** How long an authenticated key may be served from memory (0 disables caching). */
  cacheTtlMs?: number;
  /** Most cached keys; default 10,000. */
  cacheMaxEntries?: number;
  /** Epoch milliseconds; default Date.now. */
  now?: () => number;
}

// INVARIANT (DECISIONS 13): one message for every failure, so a caller cannot tell an unknown key id
// from a wrong secret or an inactive key.
const INVALID = 'The security token included in the request is invalid.';
const MISSING = 'Missing credentials: send "Authorization: Bearer <accessKeyId>:<secretAccessKey>".';
// A well-formed hash of nothing in particular, compared when the key id is unknown to keep timing flat.
const DUMMY_HASH = '0'.repeat(64);
const OPERATOR: Caller = Object.freeze({ kind: 'operator' });

/** Authenticates the operator token and principal access keys. */
export class Authenticator {
  private readonly cache: CredentialCache;
  /** Hashed once: every request would otherwise hash the expected token again. */
  private readonly operatorDigest: Buffer;

  constructor(private readonly deps: AuthenticatorDeps) {
    this.operatorDigest = tokenDigest(deps.operatorToken);
    this.cache = new CredentialCache({
      ttlMs: deps.cacheTtlMs ?? 0,
      maxEntries: deps.cacheMaxEntries ?? 10_000,
      now: deps.now ?? Date.now,
    });
  }

  /** Forget cached keys of an account: call on every change notification of that account. */
  accountChanged(accountId: string): void {
    this.cache.invalidateAccount(accountId);
  }

  /** Forget every cached key: call when change notifications may have been missed. */
  forgetAll(): void {
    this.cache.clear();
  }

  /** The caller the operator token authenticates as (for callers that verified the token themselves). */
  get operatorCaller(): Caller {
    return OPERATOR;
  }

  /**
   * Synchronous fast path: the operator caller when the header carries the operator token;
   * undefined for anything else (then authenticate() decides, and rejects what is invalid).
   */
  operatorIfPresented(authorizationHeader: string | undefined): Caller | undefined {
    const credential = parseBearer(authorizationHeader);
    return credential !== undefined && tokenMatchesDigest(credential, this.operatorDigest) ? OPERATOR : undefined;
  }

  /** Resolves the caller, or throws UNAUTHENTICATED. */
  async authenticate(authorizationHeader: string | undefined): Promise<Caller> {
    const credential = parseBearer(authorizationHeader);
    if (credential === undefined) throw errors.unauthenticated(MISSING);
    if (tokenMatchesDigest(credential, this.operatorDigest)) return OPERATOR;
    return this.principalFor(credential);
  }

  /**
   * authenticate() for a header that operatorIfPresented() already found not to carry the operator
   * token: the same answers without hashing the credential against the operator digest again.
   */
  async authenticateNonOperator(authorizationHeader: string | undefined): Promise<Caller> {
    const credential = parseBearer(authorizationHeader);
    if (credential === undefined) throw errors.unauthenticated(MISSING);
    return this.principalFor(credential);
  }

  private principalFor(credential: string): Promise<PrincipalCaller> {
    const separator = credential.indexOf(':');
    if (separator < 0) throw errors.unauthenticated(INVALID);
    const accessKeyId = credential.slice(0, separator);
    const secret = credential.slice(separator + 1);
    if (!ACCESS_KEY_ID_PATTERN.test(accessKeyId) || secret.length === 0 || secret.length > 128) {
      throw errors.unauthenticated(INVALID);
    }
    return this.principal(accessKeyId, secret);
  }

  private async principal(accessKeyId: string, secret: string): Promise<PrincipalCaller> {
    const cached = this.cache.get(accessKeyId);
    if (cached) {
      if (!secretMatches(secret, cached.record.secretHash)) throw errors.unauthenticated(INVALID);
      return cached.caller;
    }
    const epoch = this.cache.currentEpoch;
    const key = await this.deps.store.read((repos) => repos.accessKeys.findForAuthentication(accessKeyId));
    const matches = secretMatches(secret, key?.secretHash ?? DUMMY_HASH);
    if (!key || !matches || key.status !== 'Active') throw errors.unauthenticated(INVALID);
    const caller = await this.callerFor(key);
    this.cache.set(key, caller, epoch);
    return caller;
  }

  private async callerFor(key: AccessKeyRecord): Promise<PrincipalCaller> {
    const { accountId, accessKeyId } = key;
    if (key.owner.kind === 'root') {
      return { kind: 'principal', accountId, arn: rootArn(accountId), principalType: 'root', accessKeyId };
    }
    const user = await this.deps.users.findUser(accountId, key.owner.userId);
    if (!user) throw errors.unauthenticated(INVALID);
    return { kind: 'principal', accountId, arn: user.arn, principalType: 'user', accessKeyId, userId: user.userId, userName: user.userName };
  }
}

function parseBearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
