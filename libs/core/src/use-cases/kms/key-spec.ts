/** KeyUsage / KeySpec combinations and the grant operations each kind of key supports (AWS KMS). */
import type { KmsKeyUsage } from '../../ports/kms.repository';
import { errors } from '../../errors/domain-error';
import { quote } from './key-identifier';

const RSA = ['RSA_2048', 'RSA_3072', 'RSA_4096'];
const ECC = ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519'];
const HMAC = ['HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512'];
const ML_DSA = ['ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87'];

/** Key specs valid for each key usage. */
export const SPECS_BY_USAGE: Readonly<Record<KmsKeyUsage, readonly string[]>> = {
  ENCRYPT_DECRYPT: ['SYMMETRIC_DEFAULT', ...RSA, 'SM2'],
  // ECC_NIST_EDWARDS25519 signs only; it cannot agree keys.
  SIGN_VERIFY: [...RSA, ...ECC, ...ML_DSA, 'SM2'],
  GENERATE_VERIFY_MAC: HMAC,
  KEY_AGREEMENT: [...ECC.filter((s) => s !== 'ECC_NIST_EDWARDS25519'), 'SM2'],
};

const ALL_SPECS = new Set(Object.values(SPECS_BY_USAGE).flat());

/** Validates keyUsage/keySpec together (defaults ENCRYPT_DECRYPT / SYMMETRIC_DEFAULT, as AWS). */
export function validateKeyType(keyUsage: KmsKeyUsage | null | undefined, keySpec: string | null | undefined): { keyUsage: KmsKeyUsage; keySpec: string } {
  const usage: KmsKeyUsage = keyUsage ?? 'ENCRYPT_DECRYPT';
  const spec = keySpec ?? 'SYMMETRIC_DEFAULT';
  if (!ALL_SPECS.has(spec)) throw errors.validation(`Invalid keySpec ${quote(spec)}.`);
  if (!SPECS_BY_USAGE[usage].includes(spec)) {
    throw errors.validation(`KeyUsage ${usage} is not compatible with KeySpec ${spec}.`);
  }
  return { keyUsage: usage, keySpec: spec };
}

/** True for symmetric encryption keys. */
export function isSymmetricEncryption(keySpec: string): boolean {
  return keySpec === 'SYMMETRIC_DEFAULT';
}

/** Grant operations the key supports; others are rejected at CreateGrant (ValidationException). */
export function grantOperationsFor(keyUsage: KmsKeyUsage, keySpec: string): readonly string[] {
  const common = ['DescribeKey', 'CreateGrant', 'RetireGrant'];
  switch (keyUsage) {
    case 'ENCRYPT_DECRYPT':
      return isSymmetricEncryption(keySpec)
        ? ['Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'GenerateDataKeyPair',
            'GenerateDataKeyPairWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo', ...common]
        : ['Decrypt', 'Encrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey', ...common];
    case 'SIGN_VERIFY':
      return ['Sign', 'Verify', 'GetPublicKey', ...common];
    case 'GENERATE_VERIFY_MAC':
      return ['GenerateMac', 'VerifyMac', ...common];
    case 'KEY_AGREEMENT':
      return ['DeriveSharedSecret', 'GetPublicKey', ...common];
  }
}

/** The "kind" UpdateAlias compares: both keys must be of the same type and usage. */
export function keyKind(keyUsage: KmsKeyUsage, keySpec: string): string {
  const family = isSymmetricEncryption(keySpec) ? 'symmetric' : keySpec.startsWith('HMAC_') ? 'hmac' : 'asymmetric';
  return `${family}/${keyUsage}`;
}
