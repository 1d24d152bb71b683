// INVARIANT: test/global-setup.ts loads this file outside jest's module mapper: import only Node
// built-ins, npm packages and relative files of this folder tree - never @keygate/* aliases.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const LOCK_FILE = join('prisma', 'migrations', 'migration_lock.toml');

/**
 * Finds <repo>/prisma/migrations by walking up from this file, so it works from the TypeScript
 * sources (jest, ts-node), from the compiled output (dist/apps/keygate/libs/...) and from a
 * container image that copies prisma/ next to dist/. Falls back to <cwd>/prisma/migrations.
 */
export function defaultMigrationsDir(startDir: string = __dirname): string {
  let dir = resolve(startDir);
  for (;;) {
    if (existsSync(join(dir, LOCK_FILE))) return join(dir, 'prisma', 'migrations');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return resolve(process.cwd(), 'prisma', 'migrations');
}
