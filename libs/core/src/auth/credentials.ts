/** Access key material: generation, hashing and constant-time comparison. */
import { createHash, hash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Access key ids: AKIA followed by 16 uppercase alphanumerics, as AWS prints them. */
export const ACCESS_KEY_ID_PATTERN = /^AKIA[A-Z0-9]{16}$/;

/** A freshly generated access key; the secret is returned to the caller once and never stored. */
export interface GeneratedAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  secretHash: string;
}

function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // INVARIANT: rejection sampling keeps every character equally likely (252 = 7 * 36).
      if (byte < 252 && out.length < length) out += ALPHANUMERIC[byte % 36];
    }
  }
  return out;
}

/** Hex SHA-256 of a secret. Secrets are 240-bit random values, so a fast hash is adequate. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/** The SHA-256 digest of a token, for {@link tokenMatchesDigest} (compute it once per expected token). */
export function tokenDigest(token: string): Buffer {
  // One-shot hash (Node >= 20.12): no Hash object per request.
  return hash('sha256', token, 'buffer');
}

/** Compares a presented token with the digest of the expected one in constant time (independent of length). */
export function tokenMatchesDigest(presented: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(tokenDigest(presented), expectedDigest);
}

/** Compares two tokens in constant time (independent of where they first differ and of length). */
export function tokensEqual(presented: string, expected: string): boolean {
  return tokenMatchesDigest(presented, tokenDigest(expected));
}

/** Generates a new access key id and secret (40 characters of base64 from 30 random bytes). */
export function generateAccessKey(): GeneratedAccessKey {
  const secretAccessKey = randomBytes(30).toString('base64');
  return { accessKeyId: `AKIA${randomAlphanumeric(16)}`, secretAccessKey, secretHash: hashSecret(secretAccessKey) };
}
