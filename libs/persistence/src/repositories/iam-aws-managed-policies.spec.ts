import { AWS_MANAGED_POLICIES } from '@keygate/policy-engine';
import type { PrismaClient } from '../prisma/prisma-client.factory';
import { testPrismaClient } from '../test/test-database';
import { PrismaIamPolicyRepository } from './iam-policy.repository';

describe('AWS managed policies seeded by migration (embedded PostgreSQL)', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = testPrismaClient();
  });
  afterAll(() => prisma.$disconnect());

  it.each(Object.values(AWS_MANAGED_POLICIES).map((p) => [p.name, p] as const))(
    '%s: the default version is byte-identical to the engine constant',
    async (_name, expected) => {
      const repo = new PrismaIamPolicyRepository(prisma);
      const policy = await repo.findByArn('aws', expected.arn);
      expect(policy).toMatchObject({ accountId: 'aws', policyName: expected.name, path: '/', defaultVersionId: expected.versionId });
      expect(policy!.policyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
      const version = await repo.getVersion('aws', policy!.policyId, expected.versionId);
      expect(version?.isDefaultVersion).toBe(true);
      expect(version?.document).toBe(expected.document);
    },
  );

  it('holds nothing under "aws" that the engine does not know', async () => {
    const rows = await prisma.managedPolicy.findMany({ where: { accountId: 'aws' }, select: { arn: true } });
    expect(rows.map((r) => r.arn).sort()).toEqual(Object.values(AWS_MANAGED_POLICIES).map((p) => p.arn).sort());
  });
});
