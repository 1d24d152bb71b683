/** Which operations each key state permits (semantics §4.2, footnotes 1-6). Not an authorization decision. */
import type { KeyState } from '../types';
import { PENDING_DELETION_REPORTS_INVALID_STATE } from '../unconfirmed-choices';

/** Outcome of the key-state check. */
export type KeyStateResult =
  | { ok: true }
  | { ok: false; code: 'DISABLED' | 'INVALID_STATE' | 'UNSUPPORTED_OPERATION'; message: string };

type Failure = 1 | 2 | 3 | 4 | 5 | 6;

const CRYPTO = [
  'createGrant', 'decrypt', 'encrypt', 'generateDataKey', 'generateDataKeyPair', 'generateDataKeyPairWithoutPlaintext',
  'generateDataKeyWithoutPlaintext', 'generateMac', 'getPublicKey', 'reEncrypt', 'replicateKey', 'sign', 'verify', 'verifyMac',
  'updatePrimaryRegion', 'deriveSharedSecret', 'rotateKeyOnDemand',
].map((a) => a.toLowerCase());
const ROTATION = ['enablekeyrotation', 'disablekeyrotation'];
const PENDING_DELETION_BLOCKED = [
  'createalias', 'disablekey', 'enablekey', 'schedulekeydeletion', 'tagresource', 'untagresource', 'updatekeydescription',
  'getparametersforimport', 'importkeymaterial', ...ROTATION,
];

/** Footnote per (state, operation); UNCONFIRMED cells: see PENDING_DELETION_REPORTS_INVALID_STATE. */
function failureFor(op: string, state: KeyState): Failure | undefined {
  if (op === 'cancelkeydeletion') return state === 'PENDING_DELETION' ? undefined : 4;
  switch (state) {
    case 'ENABLED':
      return undefined;
    case 'DISABLED':
      return CRYPTO.includes(op) || ROTATION.includes(op) ? 1 : undefined;
    case 'PENDING_DELETION':
      if (CRYPTO.includes(op)) return PENDING_DELETION_REPORTS_INVALID_STATE ? 3 : 2;
      return PENDING_DELETION_BLOCKED.includes(op) ? 3 : undefined;
    case 'PENDING_IMPORT':
      if (ROTATION.includes(op) || op === 'getkeyrotationstatus') return 6;
      return CRYPTO.includes(op) || op === 'disablekey' || op === 'enablekey' ? 5 : undefined;
    default:
      return undefined;
  }
}

function message(f: Failure, keyArn: string): KeyStateResult {
  switch (f) {
    case 1:
      return { ok: false, code: 'DISABLED', message: `${keyArn} is disabled.` };
    case 2:
      return { ok: false, code: 'DISABLED', message: `${keyArn} is pending deletion.` };
    case 3:
      return { ok: false, code: 'INVALID_STATE', message: `${keyArn} is pending deletion.` };
    case 4:
      return { ok: false, code: 'INVALID_STATE', message: `${keyArn} is not pending deletion.` };
    case 5:
      return { ok: false, code: 'INVALID_STATE', message: `${keyArn} is pending import.` };
    default:
      return { ok: false, code: 'UNSUPPORTED_OPERATION', message: `${keyArn} origin is EXTERNAL which is not valid for this operation.` };
  }
}

/**
 * Whether an operation can run on a key in the given state. `action` is an API operation or an IAM
 * action (`Encrypt`, `kms:ReEncryptFrom`), case-insensitive.
 */
export function keyStateCheck(action: string, keyState: KeyState, keyArn = 'The key'): KeyStateResult {
  let op = action.toLowerCase().replace(/^kms:/, '');
  if (op === 'reencryptfrom' || op === 'reencryptto') op = 'reencrypt';
  const f = failureFor(op, keyState);
  return f === undefined ? { ok: true } : message(f, keyArn);
}
