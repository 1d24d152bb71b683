/** IAM input rules (names, paths, tags, policy ARNs) and the unique ids and ARNs IAM generates. */
import { randomBytes } from 'node:crypto';
import { errors } from '../../errors/domain-error';
import type { IamTag } from '../../ports/iam-records.port';

const USER_OR_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const GROUP_OR_POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const PATH = /^(\/|\/[\x21-\x7E]+\/)$/;
const PATH_MAX = 512;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy(\/|\/[\x21-\x7E]*\/)([\w+=,.@-]{1,128})$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Tags per user, role or policy (IAM quota). */
export const MAX_TAGS = 50;

/** User input as it appears in messages: JSON-quoted, long values cut. */
export function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 140 ? `${text.slice(0, 128)}...` : text);
}

function requireMatch(value: unknown, pattern: RegExp, what: string, rule: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw errors.validation(`The specified value for ${what} ${quoted(value)} is invalid: it must ${rule}.`);
  }
  return value;
}

/** User names: [\w+=,.@-]{1,64}. */
export function validUserName(name: unknown): string {
  return requireMatch(name, USER_OR_ROLE_NAME, 'userName', 'be 1 to 64 characters of [A-Za-z0-9_+=,.@-]');
}

/** Role names: [\w+=,.@-]{1,64}. */
export function validRoleName(name: unknown): string {
  return requireMatch(name, USER_OR_ROLE_NAME, 'roleName', 'be 1 to 64 characters of [A-Za-z0-9_+=,.@-]');
}

/** Group names: [\w+=,.@-]{1,128}. */
export function validGroupName(name: unknown): string {
  return requireMatch(name, GROUP_OR_POLICY_NAME, 'groupName', 'be 1 to 128 characters of [A-Za-z0-9_+=,.@-]');
}

/** Managed and inline policy names: [\w+=,.@-]{1,128}. */
export function validPolicyName(name: unknown): string {
  return requireMatch(name, GROUP_OR_POLICY_NAME, 'policyName', 'be 1 to 128 characters of [A-Za-z0-9_+=,.@-]');
}

/** Paths: "/" or "/.../" of printable ASCII, at most 512 characters; omitted means "/". */
export function validPath(path: string | null | undefined): string {
  if (path === undefined || path === null) return '/';
  if (typeof path !== 'string' || path.length > PATH_MAX || !PATH.test(path)) {
    throw errors.validation(
      `The specified value for path ${quoted(path)} is invalid: it must be "/" or begin and end with "/", with at most 512 printable ASCII characters.`,
    );
  }
  return path;
}

/** Tag keys: 1-128 characters of letters, digits, spaces and _.:/=+-@, not starting with "aws:". */
export function validTagKey(key: unknown): string {
  if (typeof key !== 'string' || key.length < 1 || key.length > 128 || !TAG_CHARS.test(key)) {
    throw errors.validation(`The tag key ${quoted(key)} is invalid: it must be 1 to 128 letters, digits, spaces or _.:/=+-@.`);
  }
  if (key.toLowerCase().startsWith('aws:')) throw errors.validation(`The tag key ${quoted(key)} is invalid: the prefix "aws:" is reserved.`);
  return key;
}

/** A list of tags: at most 50, valid keys and values (0-256), keys unique ignoring case. */
export function validTags(tags: readonly IamTag[] | null | undefined): IamTag[] {
  const list = tags ?? [];
  if (list.length > MAX_TAGS) throw errors.limitExceeded(`Cannot exceed quota for TagsPerResource: ${MAX_TAGS}.`);
  const seen = new Set<string>();
  for (const tag of list) {
    validTagKey(tag.key);
    if (typeof tag.value !== 'string' || tag.value.length > 256 || !TAG_CHARS.test(tag.value)) {
      throw errors.validation(`The tag value ${quoted(tag.value)} is invalid: it must be 0 to 256 letters, digits, spaces or _.:/=+-@.`);
    }
    const lower = tag.key.toLowerCase();
    if (seen.has(lower)) throw errors.validation(`Duplicate tag key ${quoted(tag.key)}: tag keys must be unique ignoring case.`);
    seen.add(lower);
  }
  return list.map((t) => ({ key: t.key, value: t.value }));
}

/** A policy ARN split into its owner ("aws" or 12 digits), path and name. */
export interface PolicyArnParts {
  owner: string;
  path: string;
  name: string;
}

/** Parses arn:aws:iam::<account|aws>:policy/<path>name; anything else is a VALIDATION_ERROR. */
export function parsePolicyArn(arn: unknown): PolicyArnParts {
  const match = typeof arn === 'string' ? POLICY_ARN.exec(arn) : null;
  if (!match || (match[2] as string).length > PATH_MAX) {
    throw errors.validation(`ARN ${quoted(arn)} is not valid: expected arn:aws:iam::<account>:policy/<path><name>.`);
  }
  return { owner: match[1] as string, path: match[2] as string, name: match[3] as string };
}

/** IAM unique ids: a 4-letter prefix (AIDA, AGPA, AROA, ANPA) and 17 uppercase alphanumerics. */
export function newUniqueId(prefix: 'AIDA' | 'AGPA' | 'AROA' | 'ANPA'): string {
  let out = prefix;
  while (out.length < prefix.length + 17) {
    for (const byte of randomBytes(32)) {
      // INVARIANT: rejection sampling keeps every character equally likely (252 = 7 * 36).
      if (byte < 252 && out.length < prefix.length + 17) out += ALPHANUMERIC[byte % 36];
    }
  }
  return out;
}

/** arn:aws:iam::<account>:<type><path><name> (the path starts and ends with "/"). */
export function iamArn(accountId: string, type: 'user' | 'group' | 'role' | 'policy', path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${type}${path}${name}`;
}
