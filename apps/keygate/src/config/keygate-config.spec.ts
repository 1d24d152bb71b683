import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAdminToken } from './admin-token';
import { ConfigError, parseConfig } from './keygate-config';

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      defaultRegion: 'us-east-1',
      logLevel: 'info',
      nodeEnv: 'development',
      stalenessSeconds: 30,
      snapshotCacheMegabytes: 1024,
      graphiql: true,
      introspection: true,
      bodyLimitBytes: 65536,
      rateLimitPerSecond: 100,
      rateLimitBurst: 200,
      operatorRateLimitPerSecond: 0,
      decisionLogContextValues: false,
      decisionLogStrict: false,
    });
    expect(config.dataDir).toMatch(/\.keygate$/);
  });

  it('reads the decision-log switches', () => {
    expect(parseConfig({ KEYGATE_DECISION_LOG_STRICT: 'true', KEYGATE_DECISION_LOG_CONTEXT: 'true' })).toMatchObject({ decisionLogStrict: true, decisionLogContextValues: true });
    expect(() => parseConfig({ KEYGATE_DECISION_LOG_STRICT: 'yes please' })).toThrow(ConfigError);
  });

  it('reads the snapshot memory budget in MB', () => {
    expect(parseConfig({ KEYGATE_SNAPSHOT_CACHE_MB: '256' }).snapshotCacheMegabytes).toBe(256);
  });

  it('switches GraphiQL and introspection off in production unless asked', () => {
    expect(parseConfig({ NODE_ENV: 'production' })).toMatchObject({ graphiql: false, introspection: false, schemaFile: undefined });
    expect(parseConfig({ NODE_ENV: 'production', KEYGATE_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('reads per-caller rate limits; a burst defaults to twice its rate; 0 switches a limit off', () => {
    expect(parseConfig({ KEYGATE_RATE_LIMIT_PER_SECOND: '5' })).toMatchObject({ rateLimitPerSecond: 5, rateLimitBurst: 10 });
    expect(parseConfig({ KEYGATE_RATE_LIMIT_PER_SECOND: '5', KEYGATE_RATE_LIMIT_BURST: '3' })).toMatchObject({ rateLimitPerSecond: 5, rateLimitBurst: 3 });
    expect(parseConfig({ KEYGATE_RATE_LIMIT_PER_SECOND: '0' }).rateLimitPerSecond).toBe(0);
    expect(parseConfig({ KEYGATE_OPERATOR_RATE_LIMIT_PER_SECOND: '50000' })).toMatchObject({ operatorRateLimitPerSecond: 50000, operatorRateLimitBurst: 100000 });
    expect(parseConfig({ KEYGATE_OPERATOR_RATE_LIMIT_PER_SECOND: '10', KEYGATE_OPERATOR_RATE_LIMIT_BURST: '1' })).toMatchObject({ operatorRateLimitPerSecond: 10, operatorRateLimitBurst: 1 });
  });

  it.each([
    [{ KEYGATE_RATE_LIMIT_PER_SECOND: '-1' }, /KEYGATE_RATE_LIMIT_PER_SECOND must be an integer between 0 and/],
    [{ KEYGATE_RATE_LIMIT_PER_SECOND: '1.5' }, /KEYGATE_RATE_LIMIT_PER_SECOND/],
    [{ KEYGATE_RATE_LIMIT_PER_SECOND: 'lots' }, /KEYGATE_RATE_LIMIT_PER_SECOND/],
    [{ KEYGATE_RATE_LIMIT_BURST: '0' }, /KEYGATE_RATE_LIMIT_BURST must be an integer between 1 and/],
    [{ KEYGATE_OPERATOR_RATE_LIMIT_PER_SECOND: 'off' }, /KEYGATE_OPERATOR_RATE_LIMIT_PER_SECOND/],
    [{ KEYGATE_OPERATOR_RATE_LIMIT_BURST: '99999999999' }, /KEYGATE_OPERATOR_RATE_LIMIT_BURST/],
  ])('rejects the rate limit %p naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it.each([
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: 'abc' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ KEYGATE_ADMIN_TOKEN: 'short' }, /KEYGATE_ADMIN_TOKEN/],
    [{ KEYGATE_DEFAULT_REGION: 'mars' }, /KEYGATE_DEFAULT_REGION/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ KEYGATE_GRAPHIQL: 'maybe' }, /KEYGATE_GRAPHIQL/],
    [{ KEYGATE_STALENESS_SECONDS: '0' }, /KEYGATE_STALENESS_SECONDS/],
    [{ KEYGATE_SNAPSHOT_CACHE_MB: '8' }, /KEYGATE_SNAPSHOT_CACHE_MB/],
    [{ KEYGATE_SNAPSHOT_CACHE_MB: 'big' }, /KEYGATE_SNAPSHOT_CACHE_MB/],
  ])('rejects %p naming the variable', (env, name) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(name);
  });
});

describe('resolveAdminToken', () => {
  it('prefers the configured token and touches no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-token-'));
    await expect(resolveAdminToken('configured-token-123456', dir)).resolves.toEqual({ token: 'configured-token-123456', source: 'environment' });
  });

  it('generates a 0600 token file once and reuses it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kg-token-')), 'data');
    const first = await resolveAdminToken(undefined, dir);
    expect(first.source).toBe('generated');
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.file!, 'utf8').trim()).toBe(first.token);
    const second = await resolveAdminToken(undefined, dir);
    expect(second).toEqual({ token: first.token, source: 'file', file: first.file });
  });
});
