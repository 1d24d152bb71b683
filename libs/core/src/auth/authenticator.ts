/** Turns an Authorization header into a Caller (contract: `Authorization: Bearer <credential>`). */
import { errors } from '../errors/domain-error';
import type { Store } from '../ports/store.port';
import { type Caller, type PrincipalCaller, rootArn } from './caller';
import { ACCESS_KEY_ID_PATTERN, secretMatches, tokensEqual } from './credentials';

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
}

// INVARIANT (DECISIONS 13): one message for every failure, so a caller cannot tell an unknown key id
// from a wrong secret or an inactive key.
const INVALID = 'The security token included in the request is invalid.';
const MISSING = 'Missing credentials: send "Authorization: Bearer <accessKeyId>:<secretAccessKey>".';
// A well-formed hash of nothing in particular, compared when the key id is unknown to keep timing flat.
const DUMMY_HASH = '0'.repeat(64);

/** Authenticates the operator token and principal access keys. */
export class Authenticator {
  constructor(private readonly deps: AuthenticatorDeps) {}

  /** Resolves the caller, or throws UNAUTHENTICATED. */
  async authenticate(authorizationHeader: string | undefined): Promise<Caller> {
    const credential = parseBearer(authorizationHeader);
    if (credential === undefined) throw errors.unauthenticated(MISSING);
    if (tokensEqual(credential, this.deps.operatorToken)) return { kind: 'operator' };
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
    const key = await this.deps.store.read((repos) => repos.accessKeys.findForAuthentication(accessKeyId));
    const matches = secretMatches(secret, key?.secretHash ?? DUMMY_HASH);
    if (!key || !matches || key.status !== 'Active') throw errors.unauthenticated(INVALID);
    if (key.owner.kind === 'root') {
      return { kind: 'principal', accountId: key.accountId, arn: rootArn(key.accountId), principalType: 'root', accessKeyId };
    }
    const user = await this.deps.users.findUser(key.accountId, key.owner.userId);
    if (!user) throw errors.unauthenticated(INVALID);
    return {
      kind: 'principal',
      accountId: key.accountId,
      arn: user.arn,
      principalType: 'user',
      accessKeyId,
      userId: user.userId,
      userName: user.userName,
    };
  }
}

function parseBearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
