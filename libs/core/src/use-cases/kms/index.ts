/** KMS use cases: keys, key policies, key states, tags, rotation, aliases and grants. */
export * from './kms-deps';
export * from './key-identifier';
export * from './key-spec';
export * from './key-tags';
export * from './key-access';
export * from './key-policy-checks';
export * from './create-key.use-case';
export * from './key-queries.use-case';
export * from './put-key-policy.use-case';
export * from './key-lifecycle.use-case';
export * from './key-attributes.use-case';
export * from './grant-input';
export * from './aliases.use-case';
export * from './grants.use-case';
export * from './purge-expired-keys.use-case';
