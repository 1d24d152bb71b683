/** Writes the served schema as SDL (schema.gql) atomically, and only when it changed. */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

const HEADER = `# ------------------------------------------------------
# THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
# ------------------------------------------------------

`;

/** The committed form of the schema: sorted SDL behind the generated-file header. */
export function schemaSdl(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

/**
 * INVARIANT: readers (the contract check, git) never see a half-written file, even when several
 * processes start at once (parallel test workers): the file is replaced by rename.
 * @returns true when the file changed.
 */
export async function writeSchemaFile(path: string, schema: GraphQLSchema): Promise<boolean> {
  const sdl = schemaSdl(schema);
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === sdl) return false;
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, sdl);
  await rename(temporary, path);
  return true;
}
