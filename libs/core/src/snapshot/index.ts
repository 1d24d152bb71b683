/** Account snapshots: compiled, immutable, in-memory authorization data per account. */

/** The loader port and the raw rows it returns. */
export * from './authorization-data.port';
/** AccountSnapshot, PrincipalEntry, KeyEntry. */
export * from './account-snapshot';
/** compileSnapshot(data, opts): rows to an immutable snapshot (each policy compiled once). */
export * from './compile-snapshot';
/** SnapshotCache: single-flight loads, NOTIFY/poll invalidation, staleness bound, LRU. */
export * from './snapshot-cache';
/** CurrentSnapshots: snapshots at the database's current revision (read-your-writes for admins). */
export * from './current-snapshots';
/** SnapshotIdentityPolicySource: the IdentityPolicySource of admin self-authorization. */
export * from './snapshot-identity-policy-source';
/** parseKeyReference / findKey: key id, key ARN, alias name and alias ARN in snapshots. */
export * from './key-lookup';
/** SnapshotKeyResolver: KMS admin self-authorization helper (key facts, key policy, grants). */
export * from './snapshot-key-resolver';
