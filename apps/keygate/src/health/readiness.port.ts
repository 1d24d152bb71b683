/** What readiness needs from the database; bound in app.module (persistence stays out of here). */
export interface DatabaseProbe {
  /** Resolves when a trivial query answers; rejects otherwise. */
  ping(): Promise<void>;
  /** Names of migrations present on disk but not applied. */
  pendingMigrations(): Promise<string[]>;
}

/** DI token for DatabaseProbe. */
export const DATABASE_PROBE = Symbol('DATABASE_PROBE');
