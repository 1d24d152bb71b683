/** Jest globalTeardown: stops the embedded PostgreSQL of global-setup.ts (deleting its data). */
export default async function globalTeardown(): Promise<void> {
  const postgres = globalThis.__KEYGATE_TEST_PG__;
  globalThis.__KEYGATE_TEST_PG__ = undefined;
  if (postgres) await postgres.stop();
}
