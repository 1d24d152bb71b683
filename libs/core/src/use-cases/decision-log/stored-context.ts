/** What of a request context is stored with a decision (reliability plan §6d I16: no values by default). */
import type { DecisionContextEntry } from './decision-recorder.port';

/** The stored form of the context column. */
export interface StoredDecisionContext {
  /** Context keys as sent, de-duplicated and sorted. */
  keys: string[];
  /** Values by key: only when the deployment enabled them. */
  values?: Record<string, string[]>;
  /** The key an alias resolved to. */
  resolvedKeyArn?: string;
}

/**
 * Masks a request context for storage. By default only the keys are kept: encryption-context
 * values (and any other value a caller put in the context) never reach the database.
 */
export function toStoredContext(
  context: readonly DecisionContextEntry[] | undefined,
  resolvedKeyArn: string | undefined,
  includeValues: boolean,
): StoredDecisionContext {
  const entries = context ?? [];
  const stored: StoredDecisionContext = { keys: entries.length === 0 ? [] : [...new Set(entries.map((entry) => entry.key))].sort() };
  if (includeValues && entries.length > 0) {
    const values: Record<string, string[]> = {};
    for (const entry of entries) values[entry.key] = [...(values[entry.key] ?? []), ...entry.values];
    stored.values = values;
  }
  if (resolvedKeyArn !== undefined) stored.resolvedKeyArn = resolvedKeyArn;
  return stored;
}
