/** The operator token: configured, or generated once and kept in the data directory. */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from './keygate-config';

/** Where the token came from; `file` is logged (the token itself never is). */
export interface ResolvedAdminToken {
  token: string;
  source: 'environment' | 'generated' | 'file';
  file?: string;
}

/** Path of the generated token file inside a data directory. */
export function adminTokenFile(dataDir: string): string {
  return join(dataDir, 'admin-token');
}

/**
 * Returns the configured token, or reads `<dataDir>/admin-token`, or generates it there with
 * mode 0600 on first start.
 */
export async function resolveAdminToken(configured: string | undefined, dataDir: string): Promise<ResolvedAdminToken> {
  if (configured) return { token: configured, source: 'environment' };
  const file = adminTokenFile(dataDir);
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read the admin token file ${file}: ${error.code ?? 'error'}.`);
  });
  if (existing !== undefined) {
    const token = existing.trim();
    if (token.length < 16) throw new ConfigError(`The admin token file ${file} is empty or too short.`);
    return { token, source: 'file', file };
  }
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const token = `kgop_${randomBytes(32).toString('base64url')}`;
  try {
    await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return resolveAdminToken(undefined, dataDir);
    throw error;
  }
  // INVARIANT: the mode is enforced even when the umask or an existing file differs.
  await chmod(file, 0o600);
  return { token, source: 'generated', file };
}
