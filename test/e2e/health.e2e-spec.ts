import { startTestApp, type TestApp } from '@keygate/testing/e2e';
import request from 'supertest';

describe('health (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /health/live answers 200 without credentials', async () => {
    const res = await request(app.url).get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready answers 200 when the database is reachable and migrated', async () => {
    const res = await request(app.url).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', migrations: 'applied' } });
  });

  it('echoes a well-formed x-request-id and generates one otherwise', async () => {
    const echoed = await request(app.url).get('/health/live').set('x-request-id', 'req-123');
    expect(echoed.headers['x-request-id']).toBe('req-123');
    const generated = await request(app.url).get('/health/live').set('x-request-id', 'bad id\twith spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health readiness without a database (e2e)', () => {
  it('GET /health/ready answers 503 when the database is unreachable, while live stays 200', async () => {
    // Port 1 on loopback refuses connections: the database is "down" from the first request.
    const app = await startTestApp({ DATABASE_URL: 'postgresql://postgres:x@127.0.0.1:1/none' });
    try {
      const ready = await request(app.url).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', checks: { database: 'down' } });
      expect((await request(app.url).get('/health/live')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
