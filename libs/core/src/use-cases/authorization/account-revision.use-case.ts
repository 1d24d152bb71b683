/** accountRevision: the current revision of an account, so callers can pass it as atLeastRevision. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import type { AuthorizationDataSource } from '../../snapshot/authorization-data.port';

/**
 * A principal reads its own account's revision (any authenticated principal of the account: the
 * number reveals nothing but that the account changed). The operator names the account.
 */
export class AccountRevisionUseCase {
  constructor(private readonly source: AuthorizationDataSource) {}

  async execute(caller: Caller, accountId?: string): Promise<bigint> {
    let target: string;
    if (caller.kind === 'principal') {
      if (accountId !== undefined && accountId !== caller.accountId) throw errors.notFound(`Account '${accountId}' does not exist.`);
      target = caller.accountId;
    } else {
      if (accountId === undefined) throw errors.validation('accountId is required when the operator token reads an account revision.');
      target = accountId;
    }
    const revision = (await this.source.revisions([target])).get(target);
    if (revision === undefined) throw errors.notFound(`Account '${target}' does not exist.`);
    return revision;
  }
}
