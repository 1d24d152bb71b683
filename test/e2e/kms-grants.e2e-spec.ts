import { createTestAccount, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import {
  call,
  codeOf,
  CREATE_GRANT,
  createKey,
  doc,
  LIST_GRANTS,
  LIST_RETIRABLE,
  ok,
  RETIRE_GRANT,
  REVOKE_GRANT,
} from './kms-e2e.helpers';

describe('KMS grants (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const grants = async (who: TestAccount, keyId: string) => (await ok(app, who, LIST_GRANTS, { input: { keyId } })).listGrants;

  it('creates, lists (never the token) and revokes a grant', async () => {
    const acct = await createTestAccount(app);
    const grantee = await createTestAccount(app);
    const key = await createKey(app, acct);
    const input = {
      keyId: key.keyId,
      granteePrincipal: grantee.arn,
      retiringPrincipal: acct.arn,
      operations: ['Encrypt', 'Decrypt', 'GenerateDataKey'],
      name: 'app-grant',
      constraints: { encryptionContextSubset: [{ key: 'Department', value: 'IT' }] },
    };
    const { grantId, grantToken } = (await ok(app, acct, CREATE_GRANT, { input })).createGrant;
    expect(grantId).toMatch(/^[0-9a-f]{64}$/);
    expect(grantToken.length).toBeGreaterThan(32);
    const listed = await grants(acct, key.keyId);
    expect(listed).toEqual([
      expect.objectContaining({
        keyId: key.keyId,
        grantId,
        name: 'app-grant',
        granteePrincipal: grantee.arn,
        retiringPrincipal: acct.arn,
        issuingAccount: acct.arn,
        operations: ['Encrypt', 'Decrypt', 'GenerateDataKey'],
        constraints: { encryptionContextSubset: [{ key: 'Department', value: 'IT' }], encryptionContextEquals: null },
      }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(grantToken);
    expect((await ok(app, acct, LIST_GRANTS, { input: { keyId: key.keyId, granteePrincipal: acct.arn } })).listGrants).toEqual([]);
    expect((await ok(app, acct, REVOKE_GRANT, { input: { keyId: key.keyId, grantId } })).revokeGrant).toBe(true);
    expect(await grants(acct, key.keyId)).toEqual([]);
    expect(codeOf(await call(app, acct, REVOKE_GRANT, { input: { keyId: key.keyId, grantId } }))).toBe('NOT_FOUND');
  });

  it('is idempotent by name with identical parameters; different parameters make a new grant', async () => {
    const acct = await createTestAccount(app);
    const grantee = await createTestAccount(app);
    const key = await createKey(app, acct);
    const input = { keyId: key.keyId, granteePrincipal: grantee.arn, operations: ['Decrypt', 'Encrypt'], name: 'same' };
    const first = (await ok(app, acct, CREATE_GRANT, { input })).createGrant;
    const again = (await ok(app, acct, CREATE_GRANT, { input: { ...input, operations: ['Encrypt', 'Decrypt'] } })).createGrant;
    expect(again).toEqual(first);
    const other = (await ok(app, acct, CREATE_GRANT, { input: { ...input, operations: ['Decrypt'] } })).createGrant;
    expect(other.grantId).not.toBe(first.grantId);
    const unnamed1 = (await ok(app, acct, CREATE_GRANT, { input: { ...input, name: undefined } })).createGrant;
    const unnamed2 = (await ok(app, acct, CREATE_GRANT, { input: { ...input, name: undefined } })).createGrant;
    expect(unnamed1.grantId).not.toBe(unnamed2.grantId);
    expect(await grants(acct, key.keyId)).toHaveLength(4);
  });

  it('validates grantee, operations, constraints and name (nothing stored)', async () => {
    const acct = await createTestAccount(app);
    const grantee = await createTestAccount(app);
    const key = await createKey(app, acct);
    const sign = await createKey(app, acct, { keyUsage: 'SIGN_VERIFY', keySpec: 'ECC_NIST_P256' });
    const base = { keyId: key.keyId, granteePrincipal: grantee.arn, operations: ['Decrypt'] };
    const pairs = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const bad: Array<Record<string, unknown>> = [
      { ...base, operations: ['Sign'] },
      { ...base, operations: ['GetPublicKey'] },
      { ...base, operations: ['Frobnicate'] },
      { ...base, operations: ['decrypt'] },
      { ...base, operations: [] },
      { ...base, granteePrincipal: 'bob' },
      { ...base, granteePrincipal: `arn:aws:iam::${grantee.accountId}:group/admins` },
      { ...base, granteePrincipal: `arn:aws:iam::${acct.accountId}:user/ghost` },
      { ...base, retiringPrincipal: 'arn:aws:iam::12:root' },
      { ...base, name: 'has space' },
      { ...base, constraints: { encryptionContextEquals: pairs(9) } },
      { ...base, constraints: { encryptionContextSubset: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] } },
      { ...base, keyId: sign.keyId, operations: ['Sign'], constraints: { encryptionContextSubset: pairs(1) } },
      { ...base, keyId: sign.keyId, operations: ['Decrypt'] },
    ];
    for (const input of bad) {
      const res = await call(app, acct, CREATE_GRANT, { input });
      expect({ input, code: codeOf(res) }).toEqual({ input, code: 'VALIDATION_ERROR' });
    }
    expect(await grants(acct, key.keyId)).toEqual([]);
    expect(await grants(acct, sign.keyId)).toEqual([]);
    const ok8 = await call(app, acct, CREATE_GRANT, { input: { ...base, constraints: { encryptionContextEquals: pairs(8) } } });
    expect(ok8.errors).toBeUndefined();
    const signOk = await call(app, acct, CREATE_GRANT, { input: { ...base, keyId: sign.keyId, operations: ['Sign', 'Verify', 'GetPublicKey', 'DescribeKey'] } });
    expect(signOk.errors).toBeUndefined();
  });

  it('retires a grant by its retiring principal (token or key ARN + id) and lists retirable grants', async () => {
    const owner = await createTestAccount(app);
    const retirer = await createTestAccount(app);
    const stranger = await createTestAccount(app);
    const key = await createKey(app, owner);
    const create = (name: string) =>
      ok(app, owner, CREATE_GRANT, { input: { keyId: key.keyId, granteePrincipal: stranger.arn, retiringPrincipal: retirer.arn, operations: ['Decrypt'], name } });
    const g1 = (await create('one')).createGrant;
    const g2 = (await create('two')).createGrant;
    const retirable = (await ok(app, retirer, LIST_RETIRABLE, { input: { retiringPrincipal: retirer.arn } })).listRetirableGrants;
    expect(retirable.map((g: { grantId: string }) => g.grantId).sort()).toEqual([g1.grantId, g2.grantId].sort());
    expect(codeOf(await call(app, retirer, LIST_RETIRABLE, { input: { retiringPrincipal: owner.arn } }))).toBe('VALIDATION_ERROR');

    // The grantee does not hold RetireGrant, and a stranger has no claim: same answer as a missing grant.
    expect(codeOf(await call(app, stranger, RETIRE_GRANT, { input: { grantToken: g1.grantToken } }))).toBe('NOT_FOUND');
    expect((await ok(app, retirer, RETIRE_GRANT, { input: { grantToken: g1.grantToken } })).retireGrant).toBe(true);
    expect((await ok(app, retirer, RETIRE_GRANT, { input: { keyId: key.arn, grantId: g2.grantId } })).retireGrant).toBe(true);
    expect(await grants(owner, key.keyId)).toEqual([]);
    expect(codeOf(await call(app, retirer, RETIRE_GRANT, { input: { grantToken: g1.grantToken } }))).toBe('NOT_FOUND');
    expect(codeOf(await call(app, retirer, RETIRE_GRANT, { input: {} }))).toBe('VALIDATION_ERROR');
  });

  it('lets the grantee retire a grant that lists RetireGrant, and the issuing account retire any of its grants', async () => {
    const owner = await createTestAccount(app);
    const grantee = await createTestAccount(app);
    const key = await createKey(app, owner);
    const withRetire = (await ok(app, owner, CREATE_GRANT, { input: { keyId: key.keyId, granteePrincipal: grantee.arn, operations: ['Decrypt', 'RetireGrant'] } })).createGrant;
    const plain = (await ok(app, owner, CREATE_GRANT, { input: { keyId: key.keyId, granteePrincipal: grantee.arn, operations: ['Decrypt'] } })).createGrant;
    expect((await ok(app, grantee, RETIRE_GRANT, { input: { keyId: key.arn, grantId: withRetire.grantId } })).retireGrant).toBe(true);
    expect(codeOf(await call(app, grantee, RETIRE_GRANT, { input: { keyId: key.arn, grantId: plain.grantId } }))).toBe('NOT_FOUND');
    expect((await ok(app, owner, RETIRE_GRANT, { input: { keyId: key.keyId, grantId: plain.grantId } })).retireGrant).toBe(true);
  });

  it('authorizes CreateGrant by key-policy conditions (kms:GrantOperations) and by a parent grant across accounts', async () => {
    const owner = await createTestAccount(app);
    const partner = await createTestAccount(app);
    const third = await createTestAccount(app);
    const policy = doc([
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: owner.arn }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'PartnerDecryptGrants',
        Effect: 'Allow',
        Principal: { AWS: partner.arn },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] } },
      },
    ]);
    const key = await createKey(app, owner, { policy });
    const byPolicy = await call(app, partner, CREATE_GRANT, { input: { keyId: key.arn, granteePrincipal: third.arn, operations: ['Decrypt'] } });
    expect(byPolicy.errors).toBeUndefined();
    const tooMuch = await call(app, partner, CREATE_GRANT, { input: { keyId: key.arn, granteePrincipal: third.arn, operations: ['Encrypt'] } });
    expect(codeOf(tooMuch)).toBe('NOT_FOUND');
    // By key id the partner resolves in its own account: not found.
    expect(codeOf(await call(app, partner, CREATE_GRANT, { input: { keyId: key.keyId, granteePrincipal: third.arn, operations: ['Decrypt'] } }))).toBe('NOT_FOUND');

    // A parent grant that includes CreateGrant lets its grantee sub-delegate its own operations only.
    const parent = (await ok(app, owner, CREATE_GRANT, { input: { keyId: key.keyId, granteePrincipal: third.arn, operations: ['Encrypt', 'CreateGrant'] } })).createGrant;
    const child = await call(app, third, CREATE_GRANT, { input: { keyId: key.arn, granteePrincipal: partner.arn, operations: ['Encrypt'], grantTokens: [parent.grantToken] } });
    expect(child.errors).toBeUndefined();
    // Grants are effective at once in Keygate: the token is accepted but not needed.
    const noToken = await call(app, third, CREATE_GRANT, { input: { keyId: key.arn, granteePrincipal: owner.arn, operations: ['Encrypt'] } });
    expect(noToken.errors).toBeUndefined();
    const wider = await call(app, third, CREATE_GRANT, { input: { keyId: key.arn, granteePrincipal: partner.arn, operations: ['Encrypt', 'GenerateDataKey'] } });
    expect(codeOf(wider)).toBe('ACCESS_DENIED');
    const issued = (await grants(owner, key.keyId)).map((g: { issuingAccount: string }) => g.issuingAccount).sort();
    expect(issued).toEqual([owner.arn, partner.arn, third.arn, third.arn].sort());
  });
});
