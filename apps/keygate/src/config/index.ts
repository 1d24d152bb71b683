export * from './keygate-config';
export * from './admin-token';
