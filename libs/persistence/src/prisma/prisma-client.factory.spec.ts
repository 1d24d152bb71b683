import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
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

  /**
   * A TCP proxy to the test database that holds every new connection for `delayMs` before
   * forwarding it: a server slow to accept (load, a cold host), as seen by node-postgres.
   */
  async function slowProxy(delayMs: number): Promise<{ url: string; close: () => Promise<void> }> {
    const target = new URL(testDatabaseUrl());
    const sockets = new Set<Socket>();
    const timers = new Set<NodeJS.Timeout>();
    const server: Server = createServer((inbound) => {
      sockets.add(inbound);
      inbound.pause();
      const timer = setTimeout(() => {
        timers.delete(timer);
        const outbound = connect(Number(target.port), target.hostname, () => {
          inbound.pipe(outbound).pipe(inbound);
          inbound.resume();
        });
        sockets.add(outbound);
        const end = () => (inbound.destroy(), outbound.destroy());
        inbound.on('error', end).on('close', end);
        outbound.on('error', end).on('close', end);
      }, delayMs);
      timers.add(timer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(target.toString());
    url.hostname = '127.0.0.1';
    url.port = String((server.address() as AddressInfo).port);
    return {
      url: url.toString(),
      close: () =>
        new Promise<void>((resolve) => {
          for (const t of timers) clearTimeout(t);
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
        }),
    };
  }

  it('gives a new connection its own connect timeout, longer than the pool wait', async () => {
    const proxy = await slowProxy(700);
    const prisma = createPrismaClient(proxy.url, { connectionTimeoutMillis: 200, connectTimeoutMillis: 5000, transactionMaxWaitMillis: 5000 });
    try {
      // 700 ms to connect: over the 200 ms pool wait, within the 5 s connect timeout.
      await expect(prisma.$queryRaw`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);
    } finally {
      await prisma.$disconnect();
      await proxy.close();
    }
  });

  it('fails a connection that takes longer than the connect timeout, as INTERNAL through the store', async () => {
    const proxy = await slowProxy(3000);
    const prisma = createPrismaClient(proxy.url, { connectionTimeoutMillis: 5000, connectTimeoutMillis: 300, transactionMaxWaitMillis: 5000 });
    const store = new PrismaStore(prisma);
    try {
      const started = Date.now();
      await expect(store.read((repos) => repos.accounts.get('000000000000'))).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await prisma.$disconnect();
      await proxy.close();
    }
  });

  it('still bounds the wait of an exhausted pool by connectionTimeoutMillis, not by the connect timeout', async () => {
    const prisma = createPrismaClient(testDatabaseUrl(), { poolMax: 1, connectionTimeoutMillis: 200, connectTimeoutMillis: 10_000, transactionMaxWaitMillis: 5000 });
    try {
      const holder = prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_sleep(1)`;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      await expect(prisma.$queryRaw`SELECT 1`).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1000);
      await holder;
    } finally {
      await prisma.$disconnect();
    }
  });
});
