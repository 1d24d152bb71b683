import { createTestAccount, gql, startTestApp, type TestAccount, type TestApp } from '@keygate/testing/e2e';
import request from 'supertest';

const VALIDATE = `query V($input: ValidatePolicyInput!) { validatePolicy(input: $input) { findings { issueCode } } }`;

describe('GraphQL hardening (e2e, production-like settings)', () => {
  let app: TestApp;
  let root: TestAccount;
  beforeAll(async () => {
    app = await startTestApp({ KEYGATE_INTROSPECTION: 'false', KEYGATE_GRAPHIQL: 'false' });
    root = await createTestAccount(app);
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses introspection when it is switched off', async () => {
    const res = await gql(app.url, root.credential, '{ __schema { types { name } } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('VALIDATION_ERROR');
  });

  it('serves no GraphiQL page when it is switched off', async () => {
    expect((await request(app.url).get('/graphiql')).status).toBe(404);
  });

  it('does not leak field suggestions', async () => {
    const res = await gql(app.url, root.credential, '{ validatePolic { findings { issueCode } } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('limits aliases per document', async () => {
    const fields = Array.from({ length: 11 }, (_, i) => `a${i}: validatePolicy(input: $input) { findings { issueCode } }`);
    const res = await gql(app.url, root.credential, `query A($input: ValidatePolicyInput!) { ${fields.join(' ')} }`, {
      input: { policyDocument: '{}', policyType: 'IDENTITY_POLICY' },
    });
    expect(res.status).toBe(400);
    expect(res.errors?.[0].message).toMatch(/Too many aliases/);
  });

  it('answers an oversized body with a JSON 413', async () => {
    const res = await request(app.url)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${root.credential}`)
      .send({ query: VALIDATE, variables: { input: { policyDocument: 'x'.repeat(70 * 1024), policyType: 'IDENTITY_POLICY' } } });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
  });

  it('answers malformed JSON with a 400 and no stack trace', async () => {
    const res = await request(app.url).post('/graphql').set('content-type', 'application/json').send('{"query": ');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it('maps unimplemented placeholders to INTERNAL with a one-line message, without stack', async () => {
    const res = await gql(app.url, root.credential, '{ listAliases { aliasName } }');
    if (res.errors) {
      expect(res.errors[0].extensions).toEqual({ code: 'INTERNAL' });
      expect(res.errors[0].message).not.toMatch(/\n/);
    } else {
      expect(Array.isArray(res.data.listAliases)).toBe(true);
    }
  });
});
