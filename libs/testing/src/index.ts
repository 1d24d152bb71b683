/**
 * @keygate/testing: fakes and factories for unit specs. The HTTP e2e harness lives in
 * '@keygate/testing/e2e' so unit specs do not load the Nest application.
 */

/** In-memory Store (accounts and access keys) for use-case unit specs. */
export { InMemoryStore } from './fakes/in-memory-store';
