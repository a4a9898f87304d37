import { DrizzleQueryError } from 'drizzle-orm/errors';

/**
 * What a person reads of an error: for a failed query, the database's own reason ("value too
 * long…"), not the statement and every parameter of it that drizzle's wrapper puts in its
 * message (a batch's parameters are its records; the log keeps the whole error).
 */
export function reasonOf(err: unknown): string {
  if (err instanceof DrizzleQueryError && err.cause instanceof Error) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}
