import { createServer, type Server, type Socket } from 'node:net';
import { createDecisionLogInserter } from './decision-log.inserter';
import { encodeDecisionLogRow } from './decision-log-copy-format';

/** A TCP server that accepts connections and never answers (a frozen database). */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `postgresql://user:secret@127.0.0.1:${port}/db`,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const row = Buffer.from(encodeDecisionLogRow({
  accountId: '111122223333',
  decisionId: '00000000-0000-4000-8000-000000000001',
  decidedAtMs: Date.now(),
  revision: '1',
  principal: 'arn:aws:iam::111122223333:root',
  action: 'kms:Decrypt',
  resource: '*',
  decision: 'ALLOWED' as const,
  allowed: true,
  matchedStatementIds: [],
  reason: 'ok',
  context: { keys: [] },
}));

describe('createDecisionLogInserter against a frozen server', () => {
  let frozen: Awaited<ReturnType<typeof silentServer>>;
  beforeEach(async () => {
    frozen = await silentServer();
  });
  afterEach(() => frozen.close());

  it('fails a batch within its connection timeout', async () => {
    const inserter = createDecisionLogInserter(frozen.url, { connectionTimeoutMillis: 200 });
    const started = Date.now();
    await expect(inserter.insert([row])).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    await inserter.close();
    await expect(inserter.insert([])).resolves.toBe(0);
  });

  it('closes within its close timeout while a batch is stuck', async () => {
    const inserter = createDecisionLogInserter(frozen.url, { connectionTimeoutMillis: 10_000, closeTimeoutMillis: 200 });
    const stuck = inserter.insert([row]).catch((error: unknown) => error);
    const started = Date.now();
    await inserter.close();
    expect(Date.now() - started).toBeLessThan(1500);
    await frozen.close();
    expect(await stuck).toBeInstanceOf(Error);
  });
});
