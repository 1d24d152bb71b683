/**
 * Typed configuration. INVARIANT: this folder is the only code that reads process.env; everything
 * else receives a KeygateConfig value.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Runtime mode: development switches GraphiQL and introspection on by default. */
export type NodeEnv = 'development' | 'production' | 'test';

/** Pino levels accepted by LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Validated configuration of one Keygate process. */
export interface KeygateConfig {
  port: number;
  host: string;
  /** Unset: an embedded PostgreSQL is started with its data in `dataDir`/pg. */
  databaseUrl?: string;
  dataDir: string;
  /** Unset: generated on first start and kept in `dataDir`/admin-token (see admin-token.ts). */
  adminToken?: string;
  defaultRegion: string;
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
  stalenessSeconds: number;
  /** Memory budget of the compiled account snapshots, in estimated MB (KEYGATE_SNAPSHOT_CACHE_MB); least recently used ones are dropped beyond it. */
  snapshotCacheMegabytes: number;
  graphiql: boolean;
  introspection: boolean;
  /** Largest accepted HTTP body (a 32 KB key policy JSON-escaped in a GraphQL string fits). */
  bodyLimitBytes: number;
  /** Apply pending migrations at start-up (the runner takes an advisory lock). */
  migrateOnStart: boolean;
  /** Where the generated SDL is written (outside production, when run from the repository root). */
  schemaFile?: string;
  /** Store request-context values in the decision log (KEYGATE_DECISION_LOG_CONTEXT); default false: keys only. */
  decisionLogContextValues: boolean;
  /**
   * Deny every decision the decision log cannot keep (KEYGATE_DECISION_LOG_STRICT): its buffer is
   * full or its last write failed. Default false: such entries are dropped and counted.
   */
  decisionLogStrict: boolean;
  /** Requests per second each principal caller may sustain (KEYGATE_RATE_LIMIT_PER_SECOND); 0 = unlimited. */
  rateLimitPerSecond: number;
  /** Largest burst of one principal caller (KEYGATE_RATE_LIMIT_BURST). */
  rateLimitBurst: number;
  /** Requests per second of the operator token (KEYGATE_OPERATOR_RATE_LIMIT_PER_SECOND); 0 (default) = unlimited. */
  operatorRateLimitPerSecond: number;
  /** Largest burst of the operator token (KEYGATE_OPERATOR_RATE_LIMIT_BURST). */
  operatorRateLimitBurst: number;
}

/** Raised when the environment holds an invalid value; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}".`);
  }
  return Number(raw);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}".`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}".`);
  }
  return raw as T;
}

function databaseUrl(env: Env): string | undefined {
  const raw = text(env, 'DATABASE_URL');
  if (raw === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  }
  return raw;
}

function adminToken(env: Env): string | undefined {
  const raw = text(env, 'KEYGATE_ADMIN_TOKEN');
  if (raw === undefined) return undefined;
  if (raw.length < 16 || /\s/.test(raw)) {
    throw new ConfigError('KEYGATE_ADMIN_TOKEN must be at least 16 characters without whitespace.');
  }
  return raw;
}

/*
 * Per-caller rate limits (token buckets, in memory: every replica counts on its own, so a caller
 * may reach N times the limit across N replicas).
 * - Principal callers (access keys; one bucket per principal ARN) default to 100 requests/s
 *   sustained with bursts of 200 (two seconds' worth). Principals call the admin API (and the odd
 *   authorize): 100/s is well above what a person or a deployment pipeline sends, and a small share
 *   of one replica's capacity, so a runaway script of one tenant cannot crowd out the others (AWS
 *   KMS throttles per account and operation for the same reason). 0 switches the limit off.
 * - The operator token (the trusted internal callers of authorize, the hot path) is unlimited by
 *   default (0); set a limit only to protect a replica from a misbehaving internal client.
 * A burst defaults to twice its rate (at least 1).
 */
const MAX_RATE_PER_SECOND = 1_000_000;
const MAX_BURST = 10_000_000;
const DEFAULT_RATE_PER_SECOND = 100;

function rateLimit(env: Env, rateName: string, burstName: string, defaultRate: number): { perSecond: number; burst: number } {
  const perSecond = integer(env, rateName, defaultRate, 0, MAX_RATE_PER_SECOND);
  const burst = integer(env, burstName, Math.max(1, 2 * perSecond), 1, MAX_BURST);
  return { perSecond, burst };
}

function schemaFile(): string | undefined {
  const sourceDir = resolve('apps', 'keygate', 'src');
  return existsSync(sourceDir) ? resolve(sourceDir, 'schema.gql') : undefined;
}

/** Parses and validates an environment (pure: pass process.env or a test object). */
export function parseConfig(env: Env): KeygateConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const region = text(env, 'KEYGATE_DEFAULT_REGION') ?? 'us-east-1';
  if (!REGION.test(region)) throw new ConfigError(`KEYGATE_DEFAULT_REGION is not a region name: "${region}".`);
  const devTools = nodeEnv !== 'production';
  const principalLimit = rateLimit(env, 'KEYGATE_RATE_LIMIT_PER_SECOND', 'KEYGATE_RATE_LIMIT_BURST', DEFAULT_RATE_PER_SECOND);
  const operatorLimit = rateLimit(env, 'KEYGATE_OPERATOR_RATE_LIMIT_PER_SECOND', 'KEYGATE_OPERATOR_RATE_LIMIT_BURST', 0);
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: text(env, 'HOST') ?? '127.0.0.1',
    databaseUrl: databaseUrl(env),
    dataDir: resolve(text(env, 'KEYGATE_DATA_DIR') ?? '.keygate'),
    adminToken: adminToken(env),
    defaultRegion: region,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info'),
    nodeEnv,
    stalenessSeconds: integer(env, 'KEYGATE_STALENESS_SECONDS', 30, 1, 3600),
    snapshotCacheMegabytes: integer(env, 'KEYGATE_SNAPSHOT_CACHE_MB', 1024, 16, 1024 * 1024),
    graphiql: boolean(env, 'KEYGATE_GRAPHIQL', devTools),
    introspection: boolean(env, 'KEYGATE_INTROSPECTION', devTools),
    bodyLimitBytes: 64 * 1024,
    migrateOnStart: boolean(env, 'KEYGATE_MIGRATE_ON_START', true),
    schemaFile: nodeEnv === 'production' ? undefined : schemaFile(),
    decisionLogContextValues: boolean(env, 'KEYGATE_DECISION_LOG_CONTEXT', false),
    decisionLogStrict: boolean(env, 'KEYGATE_DECISION_LOG_STRICT', false),
    rateLimitPerSecond: principalLimit.perSecond,
    rateLimitBurst: principalLimit.burst,
    operatorRateLimitPerSecond: operatorLimit.perSecond,
    operatorRateLimitBurst: operatorLimit.burst,
  };
}

/** Reads the process environment once. The only place that touches process.env. */
export function loadConfigFromEnvironment(): KeygateConfig {
  return parseConfig(process.env);
}
