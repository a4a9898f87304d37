/**
 * Opaque, signed pagination cursors. A cursor carries the sort key where its page
 * ended and a digest of the query it belongs to; any change to it, or its use with
 * another query, makes `open` return undefined.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { SortKey } from './db/search';

const payload = z.object({
  k: z.union([
    z.object({ by: z.literal('rank'), rank: z.number(), id: z.uuid() }),
    z.object({ by: z.literal('name'), name: z.string(), id: z.uuid() }),
  ]),
  f: z.string(),
});

export interface Cursors {
  seal(key: SortKey, query: unknown): string;
  open(cursor: string, query: unknown): SortKey | undefined;
}

export function createCursors(secret: string): Cursors {
  const mac = (body: string) => crypto.createHmac('sha256', secret).update(body).digest('base64url');
  const digest = (query: unknown) => crypto.createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
  return {
    seal(key, query) {
      const body = Buffer.from(JSON.stringify({ k: key, f: digest(query) })).toString('base64url');
      return `${body}.${mac(body)}`;
    },
    open(cursor, query) {
      const [body, signature, extra] = cursor.split('.');
      if (!body || !signature || extra !== undefined) return undefined;
      const expected = Buffer.from(mac(body));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return undefined;
      try {
        const parsed = payload.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
        if (!parsed.success || parsed.data.f !== digest(query)) return undefined;
        return parsed.data.k;
      } catch {
        return undefined;
      }
    },
  };
}
