/** Reliability plan §6d I8: with a fault injected anywhere on the path of a request, it is never allowed. */
import fc from 'fast-check';
import { authorize as engineAuthorize, type AuthorizationRequest } from '@keygate/policy-engine';
import { SnapshotCache } from '../../snapshot/snapshot-cache';
import { emptyAccount, FakeDataSource, keyRow, policyDoc, userRow } from '../../snapshot/snapshot.fixture';
import { AuthorizeUseCase } from './authorize.use-case';

const A = '111122223333';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:us-east-1:${A}:key/${KEY}`;
const USER = `arn:aws:iam::${A}:user/alice`;
const P = `arn:aws:iam::${A}:policy/P`;

type Fault = 'load' | 'identity-policy' | 'key-policy' | 'missing-managed' | 'engine' | 'none';

function data(fault: Fault) {
  const d = emptyAccount(A);
  d.managedPolicies = fault === 'missing-managed' ? [] : [{ arn: P, document: fault === 'identity-policy' ? '{"Statement": [' : policyDoc('Allow', 'kms:*') }];
  d.users = [userRow(A, 'alice', { managedPolicyArns: [P] })];
  d.keys = [keyRow(A, KEY, fault === 'key-policy' ? { policy: '{"Version":"2012-10-17","Statement":{' } : {})];
  return d;
}

describe('authorize fails closed (property)', () => {
  it('never allows a request whose evaluation hit a fault', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Fault>('load', 'identity-policy', 'key-policy', 'missing-managed', 'engine', 'none'),
        fc.constantFrom('kms:Encrypt', 'kms:Decrypt', 'kms:DescribeKey', 'kms:PutKeyPolicy'),
        async (fault, action) => {
          const source = new FakeDataSource(data(fault));
          source.failing = fault === 'load';
          const decide = (r: AuthorizationRequest) => {
            if (fault === 'engine') throw new Error('injected');
            return engineAuthorize(r);
          };
          const useCase = new AuthorizeUseCase({ cache: new SnapshotCache({ source }), region: 'us-east-1', now: () => 0, recorder: { record: () => undefined }, decide });
          const result = await useCase.execute({ kind: 'operator' }, { principalArn: USER, action, resource: KEY_ARN });
          if (fault === 'none') return result.allowed === true;
          return result.allowed === false && result.decision !== 'ALLOWED';
        },
      ),
      { numRuns: 200 },
    );
  });
});
