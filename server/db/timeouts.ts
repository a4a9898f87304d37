/** The limits on a PostgreSQL server's connections, apart from the drivers so env.ts can name their defaults. */

/** Limits on the server's connections, in milliseconds (see the README's environment table). */
export interface DatabaseTimeouts {
  /** A request's statement is cancelled by the server after this long. */
  statementMs: number;
  /** The client gives up on an unanswered query (and drops its connection) after this long. */
  queryMs: number;
  /** Connecting, or waiting for a free connection. */
  connectMs: number;
  /** A background (sync, job) statement is cancelled after this long. */
  jobStatementMs: number;
  /** An idle connection is closed after this long. */
  idleMs: number;
}

export const defaultTimeouts: DatabaseTimeouts = { statementMs: 10_000, queryMs: 12_000, connectMs: 5_000, jobStatementMs: 120_000, idleMs: 10_000 };
