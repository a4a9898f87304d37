/**
 * A page form's one-time token itself: a random nonce signed with the session's CSRF token.
 * Pages make one for every POST form; form-tokens.ts checks and consumes them.
 */
import crypto from 'node:crypto';
import type { Request } from 'express';
import { csrf } from '../auth/middleware';

/** The form field that carries the token. */
export const FORM_TOKEN_FIELD = '_form';
const TOKEN = /^([\w-]{22})\.([\w-]{43})$/;

const sign = (secret: string, nonce: string, sessionToken: string) => crypto.createHmac('sha256', secret).update(`form-token:${nonce}:${sessionToken}`).digest('base64url');

/** A new token for one form of this page; it makes the session keep a CSRF token if it had none. */
export function newFormToken(req: Request, secret: string): string {
  if (!req.session) return '';
  const nonce = crypto.randomBytes(16).toString('base64url');
  return `${nonce}.${sign(secret, nonce, csrf.generateToken(req))}`;
}

/** The token posted with a form, when it has the shape of one. */
export const postedToken = (req: Request): string | undefined => {
  const v: unknown = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>)[FORM_TOKEN_FIELD] : undefined;
  return typeof v === 'string' && TOKEN.test(v) ? v : undefined;
};

/** Whether the posted token was made for this visitor's session (used or not). */
export function formTokenOfSession(req: Request, secret: string): boolean {
  const token = postedToken(req);
  const sessionToken = (req.session as { csrfToken?: unknown } | undefined)?.csrfToken;
  if (!token || typeof sessionToken !== 'string') return false;
  const [, nonce = '', mac = ''] = TOKEN.exec(token) ?? [];
  const expected = Buffer.from(sign(secret, nonce, sessionToken));
  const given = Buffer.from(mac);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
