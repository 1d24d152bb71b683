import { readDatabaseCatalog } from '../test/database-catalog.reader';
import { readExpectedCatalog } from '../test/prisma-schema.reader';
import { testDatabaseUrl, withClient } from '../test/test-database';

/**
 * `prisma migrate diff` cannot run offline, so this spec is the drift check: the catalog of the
 * migrated test database must be exactly what schema.prisma describes (columns with types and
 * nullability, primary/unique/plain indexes with their columns, foreign keys with their actions).
 */
describe('schema.prisma and the SQL migrations agree', () => {
  const expected = readExpectedCatalog();
  let actual: Awaited<ReturnType<typeof readDatabaseCatalog>>;

  beforeAll(async () => {
    actual = await withClient(testDatabaseUrl(), readDatabaseCatalog);
  });

  it('has the same columns, types and nullability', () => {
    expect(actual.columns).toEqual(expected.columns);
  });

  it('has the same primary keys, unique keys and indexes', () => {
    expect(actual.indexes).toEqual(expected.indexes);
  });

  it('has the same foreign keys and referential actions', () => {
    expect(actual.foreignKeys).toEqual(expected.foreignKeys);
  });

  it('keeps the tenant invariant: every key of a tenant table starts with account_id', () => {
    const globalKeys = expected.indexes.filter((index) => !/\((account_id|policy_account_id)[,)]/.test(index));
    // The only global key: access key ids are random and authentication finds them without the account.
    expect(globalKeys).toEqual(['access_key_access_key_id_key(access_key_id)']);
  });
});
