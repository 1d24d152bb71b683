import { PrismaStore } from '../store/prisma-store';
import { testDatabaseUrl } from '../test/test-database';
import { createPrismaClient } from './prisma-client.factory';

/** The bounded waits of the reliability plan §4.3 really reach node-postgres and the server. */
describe('createPrismaClient (embedded PostgreSQL)', () => {
  it('applies the server-side statement timeout', async () => {
    const prisma = createPrismaClient(testDatabaseUrl(), { statementTimeoutMillis: 200, queryTimeoutMillis: 5000 });
    try {
      const started = Date.now();
      await expect(prisma.$executeRaw`SELECT pg_sleep(3)`).rejects.toThrow(/statement timeout/i);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('fails fast when the pool is exhausted instead of queueing forever, as INTERNAL through the store', async () => {
    const prisma = createPrismaClient(testDatabaseUrl(), { poolMax: 1, connectionTimeoutMillis: 200, transactionMaxWaitMillis: 5000 });
    const store = new PrismaStore(prisma);
    try {
      const holder = prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_sleep(1)`;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await expect(store.read((repos) => repos.accounts.get('000000000000'))).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(Date.now() - started).toBeLessThan(900);
      await holder;
    } finally {
      await prisma.$disconnect();
    }
  });
});
