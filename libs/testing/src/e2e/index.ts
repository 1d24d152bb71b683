/** E2E harness: start the real app, call GraphQL with variables, create per-test accounts. */
export * from './test-app';
