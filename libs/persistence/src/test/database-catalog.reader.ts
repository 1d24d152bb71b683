import type { Client } from 'pg';
import type { ExpectedCatalog } from './prisma-schema.reader';

const TYPE_NAMES: Array<[RegExp, string]> = [
  [/^character varying\((\d+)\)/, 'varchar($1)'],
  [/^timestamp\((\d+)\) with time zone/, 'timestamptz($1)'],
  [/^timestamp\((\d+)\) without time zone/, 'timestamp($1)'],
  [/^integer/, 'int4'],
  [/^bigint/, 'int8'],
  [/^boolean/, 'bool'],
];

/** Reads the public schema of a migrated database in the format of {@link ExpectedCatalog}. */
export async function readDatabaseCatalog(client: Client): Promise<ExpectedCatalog> {
  const columns = await client.query<{ tbl: string; col: string; type: string; notnull: boolean }>(`
    SELECT c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
       AND a.attnum > 0 AND NOT a.attisdropped`);
  const indexes = await client.query<{ name: string; cols: string[] }>(`
    SELECT i.relname AS name, array_agg(a.attname::text ORDER BY k.ord) AS cols
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
     WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
     GROUP BY i.relname`);
  const foreignKeys = await client.query<{ name: string; tbl: string; cols: string[]; target: string; refs: string[]; del: string; upd: string }>(`
    SELECT con.conname AS name, t.relname AS tbl, f.relname AS target, con.confdeltype AS del, con.confupdtype AS upd,
           (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(n, ord)
              JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n) AS cols,
           (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(n, ord)
              JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n) AS refs
      FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class f ON f.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE con.contype = 'f' AND n.nspname = 'public'`);
  const action = (code: string): string => ({ c: 'CASCADE', r: 'RESTRICT', n: 'SET NULL', a: 'NO ACTION', d: 'SET DEFAULT' })[code] ?? code;
  return {
    columns: columns.rows.map((r) => `${r.tbl}.${r.col} ${typeName(r.type)} ${r.notnull ? 'NOT NULL' : 'NULL'}`).sort(),
    indexes: indexes.rows.map((r) => `${r.name}(${r.cols.join(',')})`).sort(),
    foreignKeys: foreignKeys.rows
      .map((r) => `${r.name}: ${r.tbl}(${r.cols.join(',')}) -> ${r.target}(${r.refs.join(',')}) ON DELETE ${action(r.del)} ON UPDATE ${action(r.upd)}`)
      .sort(),
  };
}

function typeName(formatted: string): string {
  const list = formatted.endsWith('[]');
  const base = list ? formatted.slice(0, -2) : formatted;
  const pair = TYPE_NAMES.find(([pattern]) => pattern.test(base));
  const name = pair ? base.replace(pair[0], pair[1]) : base.replace(/^"(.*)"$/, '$1');
  return list ? `${name}[]` : name;
}
