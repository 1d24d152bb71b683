/** KMS resource tags: validation and the aws:RequestTag / aws:TagKeys request context. */
import type { ContextEntry } from '@keygate/policy-engine';
import { errors } from '../../errors/domain-error';
import { quote } from './key-identifier';

/** A tag as the API takes it. */
export interface TagPair {
  key: string;
  value: string;
}

/** At most 50 tags per key. */
export const MAX_TAGS_PER_KEY = 50;
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Validates a tag key (1-128 characters, not "aws:"). */
export function validateTagKey(key: string): string {
  if (typeof key !== 'string' || key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) {
    throw errors.validation(`Invalid tag key ${quote(String(key))}: 1 to 128 letters, digits, spaces or _.:/=+-@.`);
  }
  if (key.toLowerCase().startsWith('aws:')) throw errors.validation(`Tag key ${quote(key)} uses the reserved prefix "aws:".`);
  return key;
}

/** Validates tags (keys unique, values 0-256 characters) into a map. */
export function validateTags(tags: TagPair[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) {
    const key = validateTagKey(t.key);
    if (typeof t.value !== 'string' || t.value.length > 256 || !TAG_TEXT.test(t.value)) {
      throw errors.validation(`Invalid value for tag ${quote(key)}: at most 256 letters, digits, spaces or _.:/=+-@.`);
    }
    if (Object.prototype.hasOwnProperty.call(out, key)) throw errors.validation(`Duplicate tag key ${quote(key)}.`);
    out[key] = t.value;
  }
  if (Object.keys(out).length > MAX_TAGS_PER_KEY) throw errors.limitExceeded(`A key can have at most ${MAX_TAGS_PER_KEY} tags.`);
  return out;
}

/** aws:RequestTag/<k> and aws:TagKeys for a request carrying tags. */
export function requestTagContext(tags: Record<string, string>): ContextEntry[] {
  const keys = Object.keys(tags);
  if (keys.length === 0) return [];
  return [...keys.map((k) => ({ key: `aws:RequestTag/${k}`, values: [tags[k]] })), { key: 'aws:TagKeys', values: keys }];
}
