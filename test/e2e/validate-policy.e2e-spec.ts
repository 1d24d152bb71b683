import { createTestAccount, gql, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';

const VALIDATE = `query ValidatePolicy($input: ValidatePolicyInput!) {
  validatePolicy(input: $input) { findings { findingType issueCode message path } }
}`;

const GOOD_IDENTITY_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'AllowDescribe', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' }],
});

describe('validatePolicy (e2e)', () => {
  let app: TestApp;
  let root: TestAccount;
  beforeAll(async () => {
    app = await startTestApp();
    root = await createTestAccount(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('lets the account root validate a policy (root credential authenticates and is self-authorized)', async () => {
    const res = await gql(app.url, root.credential, VALIDATE, { input: { policyDocument: GOOD_IDENTITY_POLICY, policyType: 'IDENTITY_POLICY' } });
    expect(res.errors).toBeUndefined();
    const errors = res.data.validatePolicy.findings.filter((f: { findingType: string }) => f.findingType === 'ERROR');
    expect(errors).toEqual([]);
  });

  it('lets the operator validate a policy', async () => {
    const res = await gql(app.url, app.operatorToken, VALIDATE, { input: { policyDocument: GOOD_IDENTITY_POLICY, policyType: 'RESOURCE_POLICY' } });
    expect(res.errors).toBeUndefined();
    expect(Array.isArray(res.data.validatePolicy.findings)).toBe(true);
  });

  it('returns ERROR findings for a malformed document', async () => {
    const malformed = JSON.stringify({ Version: '2012-10-17', Statement: [{ Action: 'kms:Encrypt', Resource: '*' }] });
    for (const policyDocument of [malformed, '{"Version": "2012-10-17", "Statement": [', 'not json']) {
      const res = await gql(app.url, root.credential, VALIDATE, { input: { policyDocument, policyType: 'IDENTITY_POLICY' } });
      expect(res.errors).toBeUndefined();
      const findings = res.data.validatePolicy.findings as { findingType: string; issueCode: string; message: string }[];
      expect(findings.some((f) => f.findingType === 'ERROR')).toBe(true);
      for (const f of findings) expect(f.issueCode).toMatch(/^[A-Z0-9_]+$/);
    }
  });

  it('requires authentication', async () => {
    const res = await gql(app.url, undefined, VALIDATE, { input: { policyDocument: GOOD_IDENTITY_POLICY, policyType: 'IDENTITY_POLICY' } });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
