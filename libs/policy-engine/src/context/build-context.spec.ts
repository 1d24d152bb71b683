import { buildRequestContext } from './build-context';
import { request } from '../evaluate/request.fixture';

const alice = 'arn:aws:iam::111122223333:user/alice';

describe('buildRequestContext', () => {
  it('derives server keys from facts', () => {
    const req = request(alice, { requestAlias: 'alias/app' });
    req.principal.tags = { Team: 'red' };
    req.key = { ...req.key!, tags: { Env: 'prod' }, aliases: ['alias/app'] };
    const ctx = buildRequestContext(req);
    const base = ctx.forResource;
    expect(base.get('aws:principalarn')).toEqual([alice]);
    expect(base.get('aws:principalaccount')).toEqual(['111122223333']);
    expect(base.get('aws:principaltype')).toEqual(['User']);
    expect(base.get('aws:username')).toEqual(['alice']);
    expect(base.get('aws:principaltag/team')).toEqual(['red']);
    expect(base.get('aws:currenttime')).toEqual(['2026-01-01T00:00:00Z']);
    expect(base.get('aws:epochtime')).toEqual(['1767225600']);
    expect(base.get('aws:requestedregion')).toEqual(['us-east-1']);
    expect(base.get('aws:securetransport')).toEqual(['true']);
    expect(base.get('kms:calleraccount')).toEqual(['111122223333']);
    expect(base.get('kms:keyspec')).toEqual(['SYMMETRIC_DEFAULT']);
    expect(base.get('kms:multiregion')).toEqual(['false']);
    expect(base.get('kms:requestalias')).toEqual(['alias/app']);
    expect(base.get('aws:resourcetag/env')).toBeUndefined();
    expect(ctx.forIam.get('aws:resourcetag/env')).toEqual(['prod']);
    expect(ctx.forIam.get('kms:resourcealiases')).toEqual(['alias/app']);
  });
  it('never lets the caller set or override a server-derived key', () => {
    const ctx = buildRequestContext(
      request('arn:aws:sts::111122223333:assumed-role/App/s1', {
        context: [
          { key: 'aws:PrincipalArn', values: ['arn:aws:iam::111122223333:role/Admin'] },
          { key: 'aws:username', values: ['admin'] },
          { key: 'AWS:PrincipalTag/Team', values: ['blue'] },
          { key: 'kms:KeySpec', values: ['RSA_2048'] },
          { key: 'aws:ResourceTag/env', values: ['prod'] },
          { key: 'kms:CallerAccount', values: ['999999999999'] },
        ],
      }),
    );
    expect(ctx.forIam.get('aws:principalarn')).toEqual(['arn:aws:iam::111122223333:role/App']);
    expect(ctx.forIam.get('aws:username')).toBeUndefined();
    expect(ctx.forIam.get('aws:principaltag/team')).toBeUndefined();
    expect(ctx.forIam.get('kms:keyspec')).toEqual(['SYMMETRIC_DEFAULT']);
    expect(ctx.forIam.get('aws:resourcetag/env')).toBeUndefined();
    expect(ctx.forIam.get('kms:calleraccount')).toEqual(['111122223333']);
  });
  it('keeps caller request keys, types Bool values and derives kms:EncryptionContextKeys', () => {
    const ctx = buildRequestContext(
      request(alice, {
        key: undefined,
        resource: '*',
        action: 'kms:CreateKey',
        context: [
          { key: 'kms:EncryptionContext:Dept', values: ['IT'] },
          { key: 'kms:EncryptionContext:Project', values: ['x'] },
          { key: 'kms:BypassPolicyLockoutSafetyCheck', values: ['TRUE'] },
          { key: 'kms:KeySpec', values: ['RSA_2048'] },
        ],
      }),
    ).forIam;
    expect(ctx.get('kms:encryptioncontext:dept')).toEqual(['IT']);
    expect(ctx.get('kms:encryptioncontextkeys')).toEqual(['Dept', 'Project']);
    expect(ctx.get('kms:bypasspolicylockoutsafetycheck')).toEqual(['true']);
    expect(ctx.get('kms:keyspec')).toEqual(['RSA_2048']);
    expect(ctx.get('kms:calleraccount')).toEqual(['111122223333']);
  });
  it('omits kms:CallerAccount for actions that do not support it', () => {
    expect(buildRequestContext(request(alice, { key: undefined, resource: '*', action: 'kms:ListKeys' })).forIam.get('kms:calleraccount')).toBeUndefined();
  });
});
