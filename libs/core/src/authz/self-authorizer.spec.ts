import type { AuthorizationRequest } from '@keygate/policy-engine';
import type { PrincipalCaller } from '../auth/caller';
import { DomainError } from '../errors/domain-error';
import { FactsOnlyIdentityPolicySource } from './identity-policy-source.port';
import { SelfAuthorizer } from './self-authorizer';

const root: PrincipalCaller = { kind: 'principal', accountId: '111122223333', arn: 'arn:aws:iam::111122223333:root', principalType: 'root', accessKeyId: 'AKIAX' };

function authorizer(allow: boolean) {
  const seen: AuthorizationRequest[] = [];
  const authz = new SelfAuthorizer({
    policies: new FactsOnlyIdentityPolicySource(),
    region: 'eu-west-1',
    now: () => 42,
    decide: (request) => {
      seen.push(request);
      return allow
        ? { decision: 'ALLOWED', matchedStatements: [], missingContextKeys: [], reason: 'allowed' }
        : { decision: 'IMPLICIT_DENY', matchedStatements: [], missingContextKeys: [], reason: 'User: x is not authorized to perform: iam:CreateUser on resource: y because no identity-based policy allows the iam:CreateUser action' };
    },
  });
  return { authz, seen };
}

describe('SelfAuthorizer', () => {
  it('asks the engine with the caller facts, region, time and resource account', async () => {
    const { authz, seen } = authorizer(true);
    await authz.require(root, 'iam:CreateUser', 'arn:aws:iam::111122223333:user/bob');
    expect(seen[0]).toMatchObject({
      principal: { type: 'Account', arn: root.arn, accountId: '111122223333' },
      action: 'iam:CreateUser',
      resource: 'arn:aws:iam::111122223333:user/bob',
      resourceAccount: '111122223333',
      identityPolicies: [],
      region: 'eu-west-1',
      timeMs: 42,
    });
  });

  it('turns a deny into ACCESS_DENIED carrying the engine reason', async () => {
    const { authz } = authorizer(false);
    const error = await authz.require(root, 'iam:CreateUser', '*').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('ACCESS_DENIED');
    expect((error as DomainError).message).toMatch(/^User: x is not authorized to perform: iam:CreateUser/);
  });

  it('denies the operator without asking the engine', async () => {
    const { authz, seen } = authorizer(true);
    const error = await authz.require({ kind: 'operator' }, 'iam:ListUsers', '*').catch((e: unknown) => e);
    expect((error as DomainError).code).toBe('ACCESS_DENIED');
    expect(seen).toHaveLength(0);
  });
});
