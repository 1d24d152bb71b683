/** KMS key identifiers in requests (semantics §8): key id, key ARN, alias name, alias ARN. */
import { errors } from '../../errors/domain-error';

/** A parsed keyId argument. `absent` is well-formed but can never name a key of this deployment. */
export type KeyRef =
  | { kind: 'keyId'; keyId: string }
  | { kind: 'keyArn'; accountId: string; keyId: string; arn: string }
  | { kind: 'aliasName'; aliasName: string }
  | { kind: 'aliasArn'; accountId: string; aliasName: string; arn: string }
  | { kind: 'absent'; display: string };

const MAX_KEY_ID_LENGTH = 2048;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MULTI_REGION_ID = /^mrk-[0-9a-fA-F]{32}$/;
/** Alias names: "alias/" + 1 to 250 of [a-zA-Z0-9:/_-] (256 characters in all). */
export const ALIAS_NAME = /^alias\/[a-zA-Z0-9:/_-]{1,250}$/;
const KMS_ARN = /^arn:([a-z-]+):kms:([a-z0-9-]*):(\d{12}):(key|alias)\/(.+)$/s;

/** Quotes user input for messages: JSON-escaped, at most 64 characters. */
export function quote(input: string): string {
  const text = String(input);
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}...` : text);
}

/** The ARN of a key. */
export function keyArnOf(region: string, accountId: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

/** The ARN of an alias. */
export function aliasArnOf(region: string, accountId: string, aliasName: string): string {
  return `arn:aws:kms:${region}:${accountId}:${aliasName}`;
}

function invalid(input: string): never {
  throw errors.validation(`Invalid keyId ${quote(input)}: use a key id, key ARN, alias name ("alias/x") or alias ARN.`);
}

function keyIdRef(id: string, display: string, build: (keyId: string) => KeyRef): KeyRef {
  // INVARIANT: key ids are lower-case UUIDs; resource ARNs are case-sensitive, so an upper-case
  // variant names no key (the uuid column would otherwise match it case-insensitively).
  if (UUID.test(id)) return id === id.toLowerCase() ? build(id) : { kind: 'absent', display };
  if (MULTI_REGION_ID.test(id)) return { kind: 'absent', display };
  return invalid(display);
}

/** Parses a keyId argument; malformed input is VALIDATION_ERROR (quoted, length-capped). */
export function parseKeyRef(input: string, region: string): KeyRef {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_KEY_ID_LENGTH) return invalid(String(input));
  if (input.startsWith('alias/')) return ALIAS_NAME.test(input) ? { kind: 'aliasName', aliasName: input } : invalid(input);
  if (!input.startsWith('arn:')) return keyIdRef(input, input, (keyId) => ({ kind: 'keyId', keyId }));
  const m = KMS_ARN.exec(input);
  if (!m) return invalid(input);
  const [, partition, arnRegion, accountId, type, rest] = m;
  if (type === 'alias') {
    const aliasName = `alias/${rest}`;
    if (!ALIAS_NAME.test(aliasName)) return invalid(input);
    if (partition !== 'aws' || arnRegion !== region) return { kind: 'absent', display: input };
    return { kind: 'aliasArn', accountId, aliasName, arn: input };
  }
  return keyIdRef(rest, input, (keyId) =>
    partition !== 'aws' || arnRegion !== region ? { kind: 'absent', display: input } : { kind: 'keyArn', accountId, keyId, arn: input },
  );
}
