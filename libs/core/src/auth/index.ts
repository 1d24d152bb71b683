/** Authentication: callers, access key material and the Authenticator. */
export * from './caller';
export * from './credentials';
export * from './authenticator';
export * from './credential-cache';
