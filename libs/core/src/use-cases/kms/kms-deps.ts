/** Dependencies shared by the KMS use cases. */
import type { Caller, PrincipalCaller } from '../../auth/caller';
import type { SelfAuthorizer } from '../../authz/self-authorizer';
import { errors } from '../../errors/domain-error';
import type { Store } from '../../ports/store.port';

/** What every KMS use case needs: the store, the self-authorizer, the deployment's region and a clock. */
export interface KmsDeps {
  store: Store;
  authz: SelfAuthorizer;
  /** KEYGATE_DEFAULT_REGION: keys and aliases live there (DECISIONS 12). */
  region: string;
  now: () => Date;
}

/** KMS operations are called by principals; the operator token is no principal of any account. */
export function principalOf(caller: Caller, action: string): PrincipalCaller {
  if (caller.kind === 'principal') return caller;
  throw errors.accessDenied(
    `User: operator is not authorized to perform: ${action} because the operator token is not a principal of any account`,
  );
}
