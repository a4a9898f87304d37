/** Bounds a wait: shutdown steps, health pings and pool ends must not hang on a database that does not answer. */

export class DeadlineError extends Error {}

/** Resolves as `work` does, or rejects with a DeadlineError naming `what` after `ms`. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
