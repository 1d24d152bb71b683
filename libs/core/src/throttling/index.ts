/** Throttling: per-caller token buckets (in memory, per replica). */
export * from './token-bucket-limiter';
