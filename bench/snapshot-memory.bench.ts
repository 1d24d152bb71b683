/**
 * `npm run bench:snapshot-memory`: how close estimateSnapshotBytes (the snapshot cache's memory
 * budget) comes to the heap a compiled snapshot really holds, for a few account shapes. Each
 * shape's rows are built inside the measured window, as the database loader builds them, so the
 * policy texts a snapshot keeps are counted. Needs --expose-gc (the npm script passes it).
 */
import './alias-hook';
import { randomUUID } from 'node:crypto';
import { type AccountAuthorizationData, type AccountSnapshot, compileSnapshot } from '@keygate/core/snapshot';

const ACCOUNTS = 5;
const gc = (globalThis as { gc?: () => void }).gc;

interface Shape {
  name: string;
  keys: number;
  users: number;
  /** Every key has the default key policy (one compiled body) instead of its own. */
  defaultKeyPolicy: boolean;
}

/** The rows as the database driver hands them over: flat strings (a template literal builds a tree of pieces). */
function asLoaded(data: AccountAuthorizationData): AccountAuthorizationData {
  return { ...(JSON.parse(JSON.stringify({ ...data, revision: undefined })) as AccountAuthorizationData), revision: data.revision };
}

function account(index: number, shape: Shape): AccountAuthorizationData {
  const id = String(100000000000 + index);
  const keyPolicy = (k: number) =>
    JSON.stringify({
      Version: '2012-10-17',
      Id: shape.defaultKeyPolicy ? 'key-default-1' : `key-policy-${k}`,
      Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: 'kms:*', Resource: '*' }],
    });
  const inline = (u: number, n: number) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: `Use${n}`, Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'], Resource: `arn:aws:kms:us-east-1:${id}:key/*`, Condition: { StringEquals: { 'kms:EncryptionContext:team': `team-${u}` } } },
        { Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*' },
      ],
    });
  return {
    accountId: id,
    revision: 1n,
    users: Array.from({ length: shape.users }, (_, u) => ({
      userId: `AIDA${index}X${u}`,
      name: `user-${u}`,
      path: '/',
      arn: `arn:aws:iam::${id}:user/user-${u}`,
      tags: {},
      inlinePolicies: [
        { name: 'a', document: inline(u, 1) },
        { name: 'b', document: inline(u, 2) },
      ],
      managedPolicyArns: [],
      groupIds: [],
    })),
    groups: [],
    roles: [],
    managedPolicies: [],
    keys: Array.from({ length: shape.keys }, (_, k) => {
      const keyId = randomUUID();
      return { keyId, arn: `arn:aws:kms:us-east-1:${id}:key/${keyId}`, region: 'us-east-1', keyState: 'ENABLED', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS', description: '', policy: keyPolicy(k), tags: {} };
    }),
    aliases: [],
    grants: [],
  };
}

const SHAPES: Shape[] = [
  { name: '5,000 keys with the default key policy, 50 users', keys: 5000, users: 50, defaultKeyPolicy: true },
  { name: '5,000 keys with their own key policy, 50 users', keys: 5000, users: 50, defaultKeyPolicy: false },
  { name: '200 keys, 2,000 users with 2 inline policies each', keys: 200, users: 2000, defaultKeyPolicy: true },
];

function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

function main(): void {
  if (!gc) throw new Error('run with --expose-gc (npm run bench:snapshot-memory)');
  let keep: AccountSnapshot[] = [];
  for (const shape of SHAPES) {
    keep = [];
    const before = heapAfterGc();
    for (let i = 0; i < ACCOUNTS; i++) keep.push(compileSnapshot(asLoaded(account(i, shape)), { loadedAtMs: 0 }));
    const grew = (heapAfterGc() - before) / ACCOUNTS;
    const estimate = keep.reduce((n, s) => n + s.estimatedBytes, 0) / ACCOUNTS;
    console.log(`${shape.name}: heap ${(grew / 1e6).toFixed(2)} MB an account, estimate ${(estimate / 1e6).toFixed(2)} MB (${(estimate / grew).toFixed(2)}x)`);
  }
  if (keep.length !== ACCOUNTS) throw new Error('unreachable');
}

main();
