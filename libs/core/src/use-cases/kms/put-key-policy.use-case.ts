/** putKeyPolicy: replaces the key policy after the §6.4 checks; nothing is stored when one fails. */
import type { Caller } from '../../auth/caller';
import { errors } from '../../errors/domain-error';
import { changeKey } from './key-change';
import { checkKeyPolicyDocument, checkKeyPolicyPrincipals, checkLockout } from './key-policy-checks';
import { KEY_POLICY_NAME } from './key-queries.use-case';
import type { KmsDeps } from './kms-deps';

/** Input of putKeyPolicy (contract PutKeyPolicyInput). */
export interface PutKeyPolicyInput {
  keyId: string;
  policy: string;
  policyName?: string | null;
  bypassPolicyLockoutSafetyCheck?: boolean | null;
}

/** Authorized by kms:PutKeyPolicy under the CURRENT policy; the lockout check runs against the NEW one. */
export class PutKeyPolicyUseCase {
  constructor(private readonly deps: KmsDeps) {}

  async execute(caller: Caller, input: PutKeyPolicyInput): Promise<{ revision: bigint }> {
    if (input.policyName != null && input.policyName !== KEY_POLICY_NAME) {
      throw errors.validation(`Invalid policyName: the only key policy is "${KEY_POLICY_NAME}".`);
    }
    const bypass = input.bypassPolicyLockoutSafetyCheck === true;
    const { revision } = await changeKey(this.deps, caller, {
      action: 'kms:PutKeyPolicy',
      keyId: input.keyId,
      anyState: true,
      context:
        input.bypassPolicyLockoutSafetyCheck != null ? [{ key: 'kms:BypassPolicyLockoutSafetyCheck', values: [String(bypass)] }] : [],
      // The bypass flag is recorded in the audit row (test plan §6a row 41).
      details: { bypassPolicyLockoutSafetyCheck: bypass, bytes: Buffer.byteLength(String(input.policy ?? ''), 'utf8') },
      check: async (repos, principal, resolved, data) => {
        checkKeyPolicyDocument(input.policy);
        await checkKeyPolicyPrincipals(repos, resolved.key.accountId, input.policy);
        if (!bypass) await checkLockout(repos, this.deps, principal, resolved, data, input.policy);
      },
      mutate: (repos, key) => repos.kms.keys.update(key.accountId, key.keyId, { policy: input.policy }),
    });
    return { revision };
  }
}
