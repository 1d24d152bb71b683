/** The UserLookup port of authentication, backed by the IAM users of the store. */
import type { AuthenticatedUser, UserLookup } from '../../auth/authenticator';
import type { Store } from '../../ports/store.port';

/** Finds the IAM user owning an access key, so a user's key authenticates as that user. */
export class StoreUserLookup implements UserLookup {
  constructor(private readonly store: Store) {}

  async findUser(accountId: string, userId: string): Promise<AuthenticatedUser | null> {
    const user = await this.store.read((repos) => repos.iamUsers.findById(accountId, userId));
    return user && { userId: user.userId, userName: user.userName, arn: user.arn };
  }
}
