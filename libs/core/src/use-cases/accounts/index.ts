/** Account use cases. */
export * from './create-account.use-case';
