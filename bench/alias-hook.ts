/**
 * Lets `node -r ts-node/register/transpile-only` run the service sources like jest does: resolves
 * the @keygate/* path aliases of tsconfig.json, and the generated Prisma client's "./x.js" imports
 * of TypeScript siblings. Import it first.
 */
import Module from 'node:module';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const LIBS = new Set(['policy-engine', 'core', 'persistence', 'testing']);

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
const original = moduleWithResolver._resolveFilename;

function aliasTarget(request: string): string | undefined {
  const match = /^@keygate\/([^/]+)(\/.*)?$/.exec(request);
  if (!match || !LIBS.has(match[1])) return undefined;
  return join(ROOT, 'libs', match[1], 'src', match[2] ?? '');
}

moduleWithResolver._resolveFilename = function resolveWithAliases(request, parent, isMain, options) {
  const target = aliasTarget(request) ?? request;
  try {
    return original.call(this, target, parent, isMain, options);
  } catch (error) {
    if (target.startsWith('.') && target.endsWith('.js')) return original.call(this, target.slice(0, -3), parent, isMain, options);
    throw error;
  }
};
