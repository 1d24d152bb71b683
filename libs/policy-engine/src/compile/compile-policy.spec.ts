import { compilePolicyDocument, internalOf } from './compile-policy';
import { actionIdOf } from './action-index';
import { sharedArnKey } from './resource-matcher';

const compile = (statements: unknown[], version: string | null = '2012-10-17') =>
  compilePolicyDocument(JSON.stringify(version ? { Version: version, Statement: statements } : { Statement: statements }), { kind: 'identity', policyId: 'p', sourceType: 'IDENTITY' }).policy!;

describe('compilePolicy', () => {
  it('produces a frozen policy with its effective version', () => {
    const p = compile([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }]);
    expect(Object.isFrozen(p)).toBe(true);
    expect(p.version).toBe('2012-10-17');
    expect(compile([{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }], null).version).toBe('2008-10-17');
  });

  it('indexes statements so a request only sees those that can match its action', () => {
    const p = compile([
      { Sid: 'Exact', Effect: 'Allow', Action: 'KMS:Encrypt', Resource: '*' },
      { Sid: 'Svc', Effect: 'Allow', Action: 'kms:Get*', Resource: '*' },
      { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'NotIam', Effect: 'Deny', NotAction: 'iam:*', Resource: '*' },
      { Sid: 'Other', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Sid: 'Broken', Effect: 'Allow', Action: 'kms:Encrypt' },
    ]);
    const sids = (action: string) => internalOf(p).index.candidates(action).map((s) => s.sid);
    expect(sids('kms:encrypt')).toEqual(['Exact', 'All', 'NotIam']);
    expect(sids('kms:getkeypolicy')).toEqual(['Svc', 'All', 'NotIam']);
    expect(sids('iam:createuser')).toEqual(['All']);
    expect(sids('s3:getobject')).toEqual(['All', 'NotIam', 'Other']);
    expect(internalOf(p).index.candidates('kms:encrypt')).toBe(internalOf(p).index.candidates('kms:encrypt'));
    for (const action of ['kms:encrypt', 'kms:getkeypolicy', 'iam:createuser', 's3:getobject']) {
      const byId = internalOf(p).index.candidatesById(action, actionIdOf(action));
      expect(byId).toEqual(internalOf(p).index.candidates(action));
      expect(internalOf(p).index.candidatesById(action, actionIdOf(action))).toBe(byId);
      expect(internalOf(p).index.candidatesById(action, -1)).toEqual(byId);
    }
  });

  it('indexes statements listing only literal ARNs by ARN, not by action', () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/k1';
    const p = compile([
      { Sid: 'Keyed', Effect: 'Allow', Action: 'kms:Encrypt', Resource: [key, 'arn:aws:kms:us-east-1:111122223333:key/k2'] },
      { Sid: 'Mixed', Effect: 'Allow', Action: 'kms:Encrypt', Resource: [key, 'arn:aws:kms:us-east-1:111122223333:alias/*'] },
      { Sid: 'Not', Effect: 'Allow', Action: 'kms:Encrypt', NotResource: key },
    ]);
    expect(internalOf(p).index.candidates('kms:encrypt').map((s) => s.sid)).toEqual(['Mixed', 'Not']);
    expect(internalOf(p).index.keyed(key)?.map((s) => s.sid)).toEqual(['Keyed']);
    expect(internalOf(p).index.keyed('arn:aws:kms:us-east-1:111122223333:key/k3')).toBeUndefined();
    const bits = sharedArnKey(key);
    expect(internalOf(p).index.keyed(key, bits.bitA, bits.bitB)?.map((s) => s.sid)).toEqual(['Keyed']);
    expect(internalOf(p).index.keyed(key, 0, bits.bitB)).toBeUndefined();
  });

  it('compiles a 6 KB policy quickly', () => {
    const statements = Array.from({ length: 40 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:Get*'], Resource: `arn:aws:kms:us-east-1:111122223333:key/${i}`, Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } } }));
    const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      compilePolicyDocument(text, { kind: 'identity', policyId: 'p', sourceType: 'IDENTITY' });
      best = Math.min(best, performance.now() - t);
    }
    expect(text.length).toBeGreaterThan(6000);
    expect(best).toBeLessThan(5);
  });

  it('rejects foreign objects posing as compiled policies', () => {
    expect(() => internalOf({ policyId: 'x', sourceType: 'IDENTITY', kind: 'identity', version: '2012-10-17', internal: {} })).toThrow();
  });
});
