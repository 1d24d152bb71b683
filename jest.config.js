/** Jest runs every tier: unit specs beside the code, integration specs on the embedded PostgreSQL,
 * and e2e specs over HTTP. globalSetup starts one embedded PostgreSQL for the whole run. */
const mapper = {};
for (const lib of ['policy-engine', 'core', 'persistence', 'testing']) {
  mapper[`^@keygate/${lib}$`] = `<rootDir>/libs/${lib}/src`;
  mapper[`^@keygate/${lib}/(.*)$`] = `<rootDir>/libs/${lib}/src/$1`;
}
// The generated Prisma client (libs/persistence/src/generated) imports its siblings as "./x.js".
mapper['^(\\.{1,2}/.*)\\.js$'] = '$1';
module.exports = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  roots: ['<rootDir>/apps/', '<rootDir>/libs/', '<rootDir>/test/'],
  moduleNameMapper: mapper,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};
