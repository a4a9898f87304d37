/** An express-session store on our own database, so sessions work embedded and on a server alike. */
import session from 'express-session';
import type { Db } from '../db/client';
import { destroySession, readSession, touchSession, writeSession } from '../db/sessions';

type Callback = (err?: unknown) => void;

const DAY = 24 * 60 * 60 * 1000;

/**
 * Hands the outcome of `work` to express-session's callback. Without a callback (express-session
 * may omit it) a failure, such as the database going away, is dropped here rather than left as an
 * unhandled rejection: the next request's read fails and answers 503.
 */
function settle(work: Promise<unknown>, callback: Callback | undefined): void {
  work.then(
    () => callback?.(),
    (err: unknown) => callback?.(err),
  );
}

export class DatabaseSessionStore extends session.Store {
  constructor(private readonly db: Db) {
    super();
  }

  private expiry(sess: session.SessionData): Date {
    return sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(Date.now() + DAY);
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    readSession(this.db, sid).then(
      (data) => callback(null, (data as session.SessionData | undefined) ?? null),
      (err: unknown) => callback(err),
    );
  }

  override set(sid: string, sess: session.SessionData, callback?: Callback): void {
    const userId = (sess as { passport?: { user?: string } }).passport?.user ?? null;
    settle(writeSession(this.db, sid, sess, userId, this.expiry(sess)), callback);
  }

  override touch(sid: string, sess: session.SessionData, callback?: Callback): void {
    settle(touchSession(this.db, sid, this.expiry(sess)), callback);
  }

  override destroy(sid: string, callback?: Callback): void {
    settle(destroySession(this.db, sid), callback);
  }
}
