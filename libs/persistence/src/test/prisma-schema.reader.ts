import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMigrationsDir } from '../migrations/migrations-dir';

/**
 * Derives, from prisma/schema.prisma, the catalog Prisma's migrate engine would create: column
 * descriptors, index names with their columns, foreign keys with their actions. The drift spec
 * compares it with the migrated database, because `prisma migrate diff` cannot run offline.
 * Covers the schema features this project uses; anything else fails loudly.
 */
export interface ExpectedCatalog {
  /** "table.column type[(n)] NULL|NOT NULL" */
  columns: string[];
  /** "index_name(col1,col2)" for primary keys, @@unique/@unique and @@index. */
  indexes: string[];
  /** "fk_name: table(cols) -> target(cols) ON DELETE x ON UPDATE y" */
  foreignKeys: string[];
}

interface Model {
  name: string;
  table: string;
  body: string[];
}

const ACTIONS: Record<string, string> = { Cascade: 'CASCADE', Restrict: 'RESTRICT', SetNull: 'SET NULL', NoAction: 'NO ACTION' };

/** Reads the schema next to the migrations folder. */
export function readExpectedCatalog(schemaPath = join(defaultMigrationsDir(), '..', 'schema.prisma')): ExpectedCatalog {
  const source = readFileSync(schemaPath, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const enums = new Map<string, string>();
  for (const m of source.matchAll(/^enum\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    enums.set(m[1], /@@map\("([^"]+)"\)/.exec(m[2])?.[1] ?? m[1]);
  }
  const models = new Map<string, Model>();
  for (const m of source.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const body = m[2].split('\n').map((l) => l.trim()).filter(Boolean);
    const table = body.map((l) => /^@@map\("([^"]+)"\)/.exec(l)?.[1]).find(Boolean) ?? m[1];
    models.set(m[1], { name: m[1], table, body });
  }
  const catalog: ExpectedCatalog = { columns: [], indexes: [], foreignKeys: [] };
  for (const model of models.values()) describeModel(model, models, enums, catalog);
  for (const list of Object.values(catalog)) (list as string[]).sort();
  return catalog;
}

function describeModel(model: Model, models: Map<string, Model>, enums: Map<string, string>, out: ExpectedCatalog): void {
  const columnOf = (field: string): string => columnName(model, field);
  for (const line of model.body) {
    const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
    if (line.startsWith('@@')) {
      describeBlockAttribute(model, line, columnOf, out);
    } else if (field && models.has(field[2])) {
      describeRelation(model, field[5], models.get(field[2])!, columnOf, out);
    } else if (field) {
      const [, name, type, list, optional, attributes] = field;
      const column = columnOf(name);
      out.columns.push(`${model.table}.${column} ${columnType(type, !!list, attributes, enums)} ${list || optional ? 'NULL' : 'NOT NULL'}`);
      if (/@id\b/.test(attributes)) out.indexes.push(`${model.table}_pkey(${column})`);
      if (/@unique\b/.test(attributes)) out.indexes.push(`${model.table}_${column}_key(${column})`);
    }
  }
}

function describeBlockAttribute(model: Model, line: string, columnOf: (f: string) => string, out: ExpectedCatalog): void {
  const m = /^@@(id|unique|index)\(\[([^\]]+)\]/.exec(line);
  if (!m) {
    if (!line.startsWith('@@map(')) throw new Error(`Unsupported attribute in ${model.name}: ${line}`);
    return;
  }
  const columns = m[2].split(',').map((f) => columnOf(f.trim().replace(/\(.*\)$/, '')));
  const name = m[1] === 'id' ? `${model.table}_pkey` : `${model.table}_${columns.join('_')}_${m[1] === 'unique' ? 'key' : 'idx'}`;
  out.indexes.push(`${name}(${columns.join(',')})`);
}

function describeRelation(model: Model, attributes: string, target: Model, columnOf: (f: string) => string, out: ExpectedCatalog): void {
  const fields = /fields:\s*\[([^\]]+)\]/.exec(attributes);
  if (!fields) return; // the back-relation side
  const references = /references:\s*\[([^\]]+)\]/.exec(attributes)![1].split(',').map((f) => columnName(target, f.trim()));
  const columns = fields[1].split(',').map((f) => columnOf(f.trim()));
  const onDelete = /onDelete:\s*(\w+)/.exec(attributes)?.[1];
  if (!onDelete) throw new Error(`Relation of ${model.name} to ${target.name} must state onDelete explicitly.`);
  const onUpdate = /onUpdate:\s*(\w+)/.exec(attributes)?.[1] ?? 'Cascade';
  out.foreignKeys.push(
    `${model.table}_${columns.join('_')}_fkey: ${model.table}(${columns.join(',')}) -> ${target.table}(${references.join(',')}) ` +
      `ON DELETE ${ACTIONS[onDelete]} ON UPDATE ${ACTIONS[onUpdate]}`,
  );
}

function columnName(model: Model, field: string): string {
  const line = model.body.find((l) => new RegExp(`^${field}\\s`).test(l));
  if (!line) throw new Error(`Unknown field ${model.name}.${field}`);
  return /@map\("([^"]+)"\)/.exec(line)?.[1] ?? field;
}

function columnType(type: string, list: boolean, attributes: string, enums: Map<string, string>): string {
  if (list) return `${baseType(type, attributes, enums)}[]`;
  return baseType(type, attributes, enums);
}

function baseType(type: string, attributes: string, enums: Map<string, string>): string {
  if (enums.has(type)) return enums.get(type)!;
  const native = /@db\.(\w+)(?:\((\d+)\))?/.exec(attributes);
  if (native) {
    const [, kind, size] = native;
    if (kind === 'VarChar') return `varchar(${size})`;
    if (kind === 'Uuid') return 'uuid';
    if (kind === 'Timestamptz') return `timestamptz(${size ?? 6})`;
    throw new Error(`Unsupported native type @db.${kind}`);
  }
  const defaults: Record<string, string> = {
    String: 'text', Int: 'int4', BigInt: 'int8', Boolean: 'bool', DateTime: 'timestamp(3)', Json: 'jsonb',
  };
  if (!defaults[type]) throw new Error(`Unsupported Prisma type ${type}`);
  return defaults[type];
}
