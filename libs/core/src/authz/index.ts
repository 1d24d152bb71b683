/** Self-authorization of admin calls through the policy engine. */
export * from './identity-policy-source.port';
export * from './self-authorizer';
