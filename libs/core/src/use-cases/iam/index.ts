/** IAM use cases: users, access keys, groups, roles, managed and inline policies, boundaries, tags. */
export * from './iam-context';
export * from './iam-names';
export * from './iam-documents';
export * from './users.use-cases';
export * from './access-keys.use-cases';
export * from './groups.use-cases';
export * from './roles.use-cases';
export * from './managed-policies.use-cases';
export * from './policy-versions.use-cases';
export * from './attachments.use-cases';
export * from './inline-policies.use-cases';
export * from './boundaries-and-tags.use-cases';
export * from './user-lookup';
