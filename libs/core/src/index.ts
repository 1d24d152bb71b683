/** @keygate/core: use cases, ports and domain errors. Depends on @keygate/policy-engine only. */
export * from './errors/domain-error';
export * from './ports/store.port';
export * from './ports/account.repository';
export * from './ports/kms.repository';
/** IAM records and repository ports. */
export * from './ports/iam-records.port';
export * from './ports/iam-repositories.port';
