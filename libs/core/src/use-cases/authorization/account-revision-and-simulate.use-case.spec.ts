import type { Caller, PrincipalCaller } from '../../auth/caller';
import { SelfAuthorizer } from '../../authz/self-authorizer';
import { emptyAccount, FakeDataSource, policyDoc } from '../../snapshot/snapshot.fixture';
import { AccountRevisionUseCase } from './account-revision.use-case';
import { SimulateCustomPolicyUseCase } from './simulate-custom-policy.use-case';

const A = '111122223333';
const operator: Caller = { kind: 'operator' };
const root: PrincipalCaller = { kind: 'principal', accountId: A, arn: `arn:aws:iam::${A}:root`, principalType: 'root', accessKeyId: 'AKIA0' };

describe('AccountRevisionUseCase', () => {
  const useCase = new AccountRevisionUseCase(new FakeDataSource(emptyAccount(A, 42n)));

  it('gives a principal its own account revision and the operator any account', async () => {
    expect(await useCase.execute(root)).toBe(42n);
    expect(await useCase.execute(root, A)).toBe(42n);
    expect(await useCase.execute(operator, A)).toBe(42n);
  });

  it('hides other accounts from principals and needs an account id from the operator', async () => {
    await expect(useCase.execute(root, '444455556666')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(useCase.execute(operator)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(useCase.execute(operator, '444455556666')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('SimulateCustomPolicyUseCase', () => {
  const allowAll = { forCaller: async () => ({ principal: { arn: root.arn, accountId: A, type: 'Account' as const, principalArn: root.arn, userId: A }, identityPolicies: [] }) };
  const denyAll = { forCaller: async () => ({ principal: { arn: `arn:aws:iam::${A}:user/u`, accountId: A, type: 'User' as const, principalArn: `arn:aws:iam::${A}:user/u` }, identityPolicies: [] }) };
  const make = (policies: typeof allowAll | typeof denyAll) =>
    new SimulateCustomPolicyUseCase({ authz: new SelfAuthorizer({ policies, region: 'us-east-1', now: () => 0 }), region: 'us-east-1', now: () => Date.parse('2026-11-28T00:00:00Z') });
  const input = { principalArn: `arn:aws:iam::${A}:user/sim`, action: 'kms:ListKeys', resource: '*', identityPolicies: [policyDoc('Allow', 'kms:ListKeys')] };

  it('evaluates the documents for the operator and for an allowed principal', async () => {
    expect((await make(allowAll).execute(operator, input)).decision).toBe('ALLOWED');
    expect((await make(allowAll).execute(root, input)).decision).toBe('ALLOWED');
    expect((await make(allowAll).execute(operator, { ...input, identityPolicies: [policyDoc('Deny', 'kms:*')] })).decision).toBe('EXPLICIT_DENY');
  });

  it('needs iam:SimulateCustomPolicy and rejects unparsable documents with findings', async () => {
    await expect(make(denyAll).execute({ ...root, arn: `arn:aws:iam::${A}:user/u`, principalType: 'user' }, input)).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
    await expect(make(allowAll).execute(operator, { ...input, identityPolicies: ['not json'] })).rejects.toMatchObject({
      code: 'MALFORMED_POLICY_DOCUMENT',
      details: { findings: expect.arrayContaining([expect.objectContaining({ findingType: 'ERROR' })]) },
    });
  });
});
