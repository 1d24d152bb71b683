/** Bulk-loads the benchmark data set with one INSERT ... jsonb_populate_recordset per table and account. */
import { Client } from 'pg';
import type { AccountRows } from './bench-data';
import { REGION } from './bench-data';

type Row = Record<string, unknown>;

async function insertRows(client: Client, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).map((c) => `"${c}"`).join(', ');
  await client.query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb)`, [JSON.stringify(rows)]);
}

function tables(a: AccountRows): Array<[string, Row[]]> {
  const acct = a.accountId;
  return [
    ['account', [{ account_id: acct, name: `bench-${acct}`, revision: 1 }]],
    ['iam_user', a.users.map((u) => ({ account_id: acct, user_id: u.userId, name: u.name, name_lower: u.name.toLowerCase(), path: u.path, arn: u.arn }))],
    ['iam_group', a.groups.map((g) => ({ account_id: acct, group_id: g.groupId, name: g.name, name_lower: g.name.toLowerCase(), arn: g.arn }))],
    ['iam_role', a.roles.map((r) => ({ account_id: acct, role_id: r.roleId, name: r.name, name_lower: r.name.toLowerCase(), arn: r.arn, assume_role_policy_document: r.trust }))],
    ['managed_policy', a.policies.map((p) => ({ account_id: acct, policy_id: p.policyId, name: p.name, name_lower: p.name.toLowerCase(), arn: p.arn, default_version_id: 'v1' }))],
    ['policy_version', a.policies.map((p) => ({ account_id: acct, policy_id: p.policyId, version_id: 'v1', document: p.document }))],
    ['user_policy_attachment', a.userPolicies.map((x) => ({ account_id: acct, user_id: x.userId, policy_account_id: acct, policy_id: x.policyId }))],
    ['group_policy_attachment', a.groupPolicies.map((x) => ({ account_id: acct, group_id: x.groupId, policy_account_id: acct, policy_id: x.policyId }))],
    ['role_policy_attachment', a.rolePolicies.map((x) => ({ account_id: acct, role_id: x.roleId, policy_account_id: acct, policy_id: x.policyId }))],
    ['group_membership', a.memberships.map((m) => ({ account_id: acct, group_id: m.groupId, user_id: m.userId }))],
    ['kms_key', a.keys.map((k) => ({ account_id: acct, key_id: k.keyId, arn: k.arn, region: REGION, policy: k.policy }))],
    ['kms_alias', a.aliases.map((x) => ({ account_id: acct, alias_name: x.aliasName, target_key_id: x.keyId }))],
    [
      'kms_grant',
      a.grants.map((g) => ({ account_id: acct, grant_id: g.grantId, key_id: g.keyId, grantee_principal: g.grantee, operations: g.operations, grant_token: g.token, issuing_account: `arn:aws:iam::${acct}:root` })),
    ],
  ];
}

/** Inserts every account in one transaction; returns the number of rows written. */
export async function seedDatabase(databaseUrl: string, accounts: readonly AccountRows[]): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  let rows = 0;
  try {
    await client.query('BEGIN');
    for (const account of accounts) {
      for (const [table, tableRows] of tables(account)) {
        await insertRows(client, table, tableRows);
        rows += tableRows.length;
      }
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return rows;
}
