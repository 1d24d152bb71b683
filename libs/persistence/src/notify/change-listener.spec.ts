import { testDatabaseUrl, withClient } from '../test/test-database';
import { ChangeListener } from './change-listener';

describe('ChangeListener (embedded PostgreSQL)', () => {
  const channel = `keygate_changes_test_${process.pid}`;
  const notify = (payload: string) => withClient(testDatabaseUrl(), (c) => c.query('SELECT pg_notify($1, $2)', [channel, payload]));

  it('delivers notifications, reports malformed ones, and reconnects after its connection is killed', async () => {
    const seen: string[] = [];
    const problems: string[] = [];
    let connects = 0;
    const listener = new ChangeListener({
      databaseUrl: testDatabaseUrl(),
      channel,
      onChange: (accountId, revision) => seen.push(`${accountId}@${revision}`),
      onConnect: () => connects++,
      onError: (err) => problems.push(err.message),
      minBackoffMillis: 20,
      maxBackoffMillis: 100,
    });
    try {
      await listener.start();
      expect(listener.connected).toBe(true);
      await notify('111122223333:7');
      await notify('garbage');
      await waitFor(() => seen.length === 1 && problems.length === 1);
      expect(seen).toEqual(['111122223333@7']);
      expect(problems[0]).toMatch(/malformed/);

      // Kill the LISTEN backend, as a server restart would.
      await withClient(testDatabaseUrl(), (c) =>
        c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1`, [`LISTEN "${channel}"`]),
      );
      await waitFor(() => connects === 2 && listener.connected);
      await notify('111122223333:8');
      await waitFor(() => seen.length === 2);
      expect(seen).toEqual(['111122223333@7', '111122223333@8']);
    } finally {
      await listener.close();
    }
    expect(listener.connected).toBe(false);
  });

  it('keeps retrying while the database is unreachable and close() stops it', async () => {
    const problems: Error[] = [];
    const listener = new ChangeListener({
      databaseUrl: 'postgresql://postgres:x@127.0.0.1:1/none',
      onChange: () => undefined,
      onError: (err) => problems.push(err),
      minBackoffMillis: 10,
      maxBackoffMillis: 20,
    });
    const started = listener.start();
    await waitFor(() => problems.length >= 3);
    await listener.close();
    await started; // close() releases a start() still waiting for its first connection
    const count = problems.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(problems.length).toBe(count);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Condition not met in time.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
