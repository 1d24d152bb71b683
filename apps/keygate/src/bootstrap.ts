/**
 * Starts Keygate in-process: database (embedded when no DATABASE_URL), migrations, Nest on fastify.
 * Used by main.ts, the e2e harness and benchmarks.
 */
import { join } from 'node:path';
import { applyMigrations, startEmbeddedPostgres } from '@keygate/persistence';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { LogController } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { type KeygateConfig, resolveAdminToken } from './config';
import { writeSchemaFile } from './graphql/schema-file';
import { genReqId, loggerOptions, PinoNestLogger, REQUEST_ID_HEADER } from './logging/logger';

/** A started Keygate: the Nest app, its URL, and close() (app first, then the embedded database). */
export interface KeygateApp {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

interface Database {
  databaseUrl: string;
  stop(): Promise<void>;
}

async function openDatabase(config: KeygateConfig, log: (msg: string) => void, debug: (msg: string) => void): Promise<Database> {
  if (config.databaseUrl) return { databaseUrl: config.databaseUrl, stop: async () => undefined };
  const dataDir = join(config.dataDir, 'pg');
  log(`DATABASE_URL is not set: starting the embedded PostgreSQL with data in ${dataDir}`);
  return startEmbeddedPostgres({ dataDir, persistent: true, onLog: (line) => debug(line) });
}

function createAdapter(config: KeygateConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    // A sidecar answers in milliseconds; slow or stalled clients are cut off (reliability plan §2.3).
    requestTimeout: 15_000,
    logger: loggerOptions(config.logLevel),
    genReqId,
    // genReqId itself reads and vets x-request-id (fastify's requestIdHeader would trust any value).
    requestIdHeader: false,
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
  });
}

/** Starts the whole service from a validated configuration. */
export async function createKeygateApp(config: KeygateConfig): Promise<KeygateApp> {
  const adapter = createAdapter(config);
  const log = adapter.getInstance().log;
  const adminToken = await resolveAdminToken(config.adminToken, config.dataDir);
  if (adminToken.file) log.info({ file: adminToken.file, source: adminToken.source }, 'operator token is in this file');
  const database = await openDatabase(config, (msg) => log.info(msg), (msg) => log.debug({ source: 'postgres' }, msg));
  try {
    if (config.migrateOnStart) {
      const applied = await applyMigrations(database.databaseUrl);
      if (applied.length > 0) log.info({ applied }, 'applied migrations');
    }
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot({ config, operatorToken: adminToken.token, databaseUrl: database.databaseUrl }),
      adapter,
      { logger: new PinoNestLogger(log), abortOnError: false },
    );
    app.getHttpAdapter().getInstance().addHook('onSend', async (request, reply) => {
      reply.header(REQUEST_ID_HEADER, request.id);
    });
    await app.init();
    if (config.schemaFile && (await writeSchemaFile(config.schemaFile, app.get(GraphQLSchemaHost).schema))) {
      log.info({ file: config.schemaFile }, 'wrote the GraphQL schema (commit it)');
    }
    await app.listen(config.port, config.host);
    const url = await app.getUrl();
    log.info({ url, graphql: `${url}/graphql` }, 'Keygate is listening');
    return {
      app,
      url: url.replace('[::1]', '127.0.0.1'),
      close: async () => {
        await app.close();
        await database.stop();
      },
    };
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw error;
  }
}
