/**
 * ARCHITECTURE.md rules 1 and 5 as a test: dependencies point one way (apps -> core ->
 * policy-engine; persistence implements core's ports and is wired only by the composition root),
 * and only apps/keygate/src/config reads the environment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function violations(dir: string, forbidden: RegExp, allow: (file: string) => boolean = () => false): string[] {
  return sourceFiles(dir)
    .filter((file) => !allow(file))
    .flatMap((file) => importsOf(file).filter((spec) => forbidden.test(spec)).map((spec) => `${file} imports ${spec}`));
}

function environmentReaders(dir: string, allow: (file: string) => boolean): string[] {
  return sourceFiles(dir)
    .filter((file) => !allow(file) && /process\.env\b/.test(readFileSync(join(ROOT, file), 'utf8')))
    .map((file) => relative(ROOT, join(ROOT, file)));
}

describe('dependency rules (ARCHITECTURE.md)', () => {
  it('sees imports (the scanner itself works)', () => {
    expect(importsOf('apps/keygate/src/app.module.ts')).toEqual(expect.arrayContaining(['@keygate/persistence', '@nestjs/common']));
    expect(sourceFiles('libs/policy-engine/src').length).toBeGreaterThan(5);
  });

  it('keeps the policy engine pure: no framework, database or other Keygate library', () => {
    expect(violations('libs/policy-engine/src', /^(@nestjs|@prisma|pg$|fastify|mercurius|@keygate\/(core|persistence|testing))/)).toEqual([]);
  });

  it('keeps core free of Nest, Prisma, pg and persistence', () => {
    expect(violations('libs/core/src', /^(@nestjs|@prisma|pg$|fastify|mercurius|@keygate\/(persistence|testing))/)).toEqual([]);
  });

  it('keeps persistence away from the app and Nest', () => {
    expect(violations('libs/persistence/src', /^(@nestjs|fastify|mercurius|@keygate\/testing)|apps\//)).toEqual([]);
  });

  it('wires persistence into the app only in the composition root', () => {
    // The root is app.module.ts and bootstrap.ts, plus *.providers.ts files it imports (binding fragments).
    const root = (file: string) => /apps\/keygate\/src\/((app\.module|bootstrap)|.*\.providers)\.ts$/.test(file);
    expect(violations('apps/keygate/src', /^(@keygate\/persistence|@prisma|pg$)/, root)).toEqual([]);
  });

  it('reads the environment only in apps/keygate/src/config', () => {
    const config = (file: string) => file.startsWith(join('apps', 'keygate', 'src', 'config'));
    expect(environmentReaders('apps/keygate/src', config)).toEqual([]);
    expect(environmentReaders('libs/core/src', () => false)).toEqual([]);
    expect(environmentReaders('libs/policy-engine/src', () => false)).toEqual([]);
  });
});
