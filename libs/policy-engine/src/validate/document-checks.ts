/** Document-level checks: character set, size quotas, Version, Sid uniqueness. */
import type { PolicyKind } from '../types';
import type { ParsedPolicy } from '../parse/policy-model';
import { FindingSink, VERSION_MESSAGE } from './finding';

/** IAM identity policy quota: characters, whitespace not counted. */
export const IDENTITY_POLICY_MAX_CHARS = 6144;
/** KMS key policy quota: bytes (UTF-8), whitespace counted. */
export const KEY_POLICY_MAX_BYTES = 32768;

/** Character set and size checks on the raw text. */
export function validateRawText(text: string, kind: PolicyKind, sink: FindingSink): void {
  if (typeof text !== 'string') return;
  let nonWhitespace = 0;
  let bad = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    nonWhitespace++;
    if (bad < 0 && (c < 0x20 || c > 0xff)) bad = i;
  }
  if (bad >= 0) {
    const code = text.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
    sink.error('INVALID_CHARACTER', `The policy contains the character U+${code} at offset ${bad}; only TAB, LF, CR and U+0020-U+00FF are allowed.`, '');
  }
  if (kind === 'identity') {
    if (nonWhitespace > IDENTITY_POLICY_MAX_CHARS) {
      sink.error('POLICY_SIZE_EXCEEDED', `The ${nonWhitespace} characters in the identity policy, excluding whitespace, exceed the ${IDENTITY_POLICY_MAX_CHARS} character maximum.`, '');
    }
    return;
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > KEY_POLICY_MAX_BYTES) {
    sink.error('POLICY_SIZE_EXCEEDED', `The ${bytes} bytes of the key policy exceed the ${KEY_POLICY_MAX_BYTES} byte maximum.`, '');
  }
}

/** Version, Id and Sid checks. */
export function validateDocument(policy: ParsedPolicy, kind: PolicyKind, sink: FindingSink): void {
  const v = policy.version;
  if (v === undefined) {
    if (kind === 'identity') sink.error('MISSING_VERSION', VERSION_MESSAGE, '');
    else sink.warning('MISSING_VERSION', 'The policy has no Version: it is evaluated as 2008-10-17 and policy variables are not substituted. Add "Version": "2012-10-17".', '');
  } else if (v !== '2012-10-17' && v !== '2008-10-17') {
    sink.error('INVALID_VERSION', `Invalid Version '${v}': use 2012-10-17.`, 'Version');
  } else if (v === '2008-10-17') {
    if (kind === 'identity') sink.error('INVALID_VERSION', VERSION_MESSAGE, 'Version');
    else sink.warning('LEGACY_VERSION', 'Version 2008-10-17 does not substitute policy variables; use 2012-10-17.', 'Version');
  }
  const seen = new Set<string>();
  for (const st of policy.statements) {
    if (st.sid === undefined) continue;
    const path = `${st.path}.Sid`;
    if (st.sid === '') sink.suggestion('EMPTY_SID_VALUE', 'The Sid is empty; remove it or give it a value.', path);
    if (kind === 'identity' && !/^[A-Za-z0-9]*$/.test(st.sid)) {
      sink.error('UNSUPPORTED_SID', 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*', path);
    }
    if (st.sid !== '' && seen.has(st.sid)) {
      if (kind === 'identity') sink.error('UNIQUE_SIDS_REQUIRED', `Statement IDs (SID) in a single policy must be unique: '${st.sid}' is repeated.`, path);
      else sink.warning('UNIQUE_SIDS_RECOMMENDED', `The Sid '${st.sid}' is repeated; use unique Sids.`, path);
    }
    seen.add(st.sid);
  }
}
