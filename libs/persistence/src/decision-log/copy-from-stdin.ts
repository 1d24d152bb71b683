/**
 * `COPY ... FROM STDIN` through node-postgres without another package: a Submittable that sends
 * the COPY statement and, when the server asks for data, the whole payload in one CopyData message.
 */
import type { Client, Pool, PoolClient } from 'pg';

type Callback = (err: Error | null, result?: { rowCount: number }) => void;

/** The protocol connection methods the submittable uses (node-postgres' Connection). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** One COPY FROM STDIN statement with its payload (text format in UTF-8, rows ending in "\n"). */
class CopyFromStdin {
  /** Set by node-postgres (client.query / pool.query). */
  callback?: Callback;
  private rowCount = 0;
  private done = false;

  constructor(
    private readonly statement: string,
    private readonly payload: Buffer,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.statement);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    if (this.payload.length > 0) connection.sendCopyFromChunk(this.payload);
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }): void {
    // The command tag is "COPY <rows>".
    this.rowCount = Number(/^COPY (\d+)$/.exec(message.text ?? '')?.[1] ?? 0);
  }

  handleError(err: Error): void {
    this.finish(err);
  }

  handleReadyForQuery(): void {
    this.finish(null);
  }

  // INVARIANT: COPY FROM answers none of these; they are no-ops so an unexpected message cannot throw.
  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleCopyData(): void {}
  handlePortalSuspended(): void {}

  private finish(err: Error | null): void {
    if (this.done) return;
    this.done = true;
    this.callback?.(err, err ? undefined : { rowCount: this.rowCount });
  }
}

/** Runs `statement` (a COPY ... FROM STDIN) with `payload`; resolves to the number of rows copied. */
export function copyFromStdin(db: Pool | PoolClient | Client, statement: string, payload: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const submittable = new CopyFromStdin(statement, payload);
    // node-postgres accepts any object with submit() and sets its callback.
    (db as unknown as { query(q: CopyFromStdin, cb: Callback): void }).query(submittable, (err, result) => (err ? reject(err) : resolve(result?.rowCount ?? 0)));
  });
}
