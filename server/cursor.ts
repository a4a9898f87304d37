/**
 * Opaque, signed pagination cursors. A cursor carries the sort key where its page
 * ended and a digest of the query it belongs to; any change to it, or its use with
 * another query, makes `open` return undefined.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { ChangePosition } from './db/changes';
import type { SortKey } from './search-index/types';

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
  /** A changes-feed position as an opaque signed token. */
  sealPosition(position: ChangePosition): string;
  openPosition(cursor: string): ChangePosition | undefined;
}

const position = z.object({ x: z.string().regex(/^\d{1,20}$/), s: z.number().int().nonnegative() });

export function createCursors(secret: string): Cursors {
  const mac = (body: string) => crypto.createHmac('sha256', secret).update(body).digest('base64url');
  const digest = (query: unknown) => crypto.createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
  const sign = (value: unknown) => {
    const body = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${body}.${mac(body)}`;
  };
  const verify = (cursor: string): unknown => {
    const [body, signature, extra] = cursor.split('.');
    if (!body || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(mac(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
  };
  return {
    sealPosition: (p) => sign({ x: p.xid, s: p.seq }),
    openPosition(cursor) {
      const parsed = position.safeParse(verify(cursor));
      return parsed.success ? { xid: parsed.data.x, seq: parsed.data.s } : undefined;
    },
    seal: (key, query) => sign({ k: key, f: digest(query) }),
    open(cursor, query) {
      const parsed = payload.safeParse(verify(cursor));
      if (!parsed.success || parsed.data.f !== digest(query)) return undefined;
      return parsed.data.k;
    },
  };
}
