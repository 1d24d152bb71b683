import { createPrismaClient, PrismaStore } from '@keygate/persistence';
import { createTestAccount, gql, startTestApp, type TestApp } from '@keygate/testing/e2e';

const VALIDATE = `query V($input: ValidatePolicyInput!) { validatePolicy(input: $input) { findings { issueCode } } }`;
const INPUT = { input: { policyDocument: '{"Version":"2012-10-17","Statement":[]}', policyType: 'IDENTITY_POLICY' } };

describe('revoking an access key reaches the authentication cache (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('rejects a cached credential soon after its key is deactivated in the database', async () => {
    const root = await createTestAccount(app);
    expect((await gql(app.url, root.credential, VALIDATE, INPUT)).errors).toBeUndefined();
    const prisma = createPrismaClient(process.env.DATABASE_URL!);
    try {
      // Directly through the Store (no IAM API yet): the change commits with a NOTIFY.
      await new PrismaStore(prisma).change(
        { accountId: root.accountId, actorArn: 'test', action: 'iam:UpdateAccessKey', resource: root.arn },
        (repos) => repos.accessKeys.setStatus(root.accountId, root.accessKeyId, 'Inactive'),
      );
    } finally {
      await prisma.$disconnect();
    }
    const deadline = Date.now() + 5000;
    let code: string | undefined;
    while (Date.now() < deadline) {
      code = (await gql(app.url, root.credential, VALIDATE, INPUT)).errors?.[0].extensions?.code;
      if (code === 'UNAUTHENTICATED') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(code).toBe('UNAUTHENTICATED');
  });
});
