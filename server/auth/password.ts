/** Password hashing with scrypt (node:crypto, no native module) and a strength check. */
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

// N=2^15, r=8, p=1: OWASP's minimum for scrypt; 32 MiB of memory per hash.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem });
  return crypto.timingSafeEqual(expected, actual);
}

let decoy: Promise<string> | undefined;
/** A hash that never matches, so an unknown e-mail costs the same time as a wrong password. */
export const decoyHash = () => (decoy ??= hashPassword(crypto.randomBytes(16).toString('hex')));

const common = new Set(['password', 'password123', '123456789012', 'qwertyuiopas', 'partnering', 'letmein12345', 'administrator']);

/** Why a password is too weak, or undefined when it will do. */
export function passwordWeakness(password: string, email?: string): string | undefined {
  if (password.length < 12) return 'must be at least 12 characters';
  if (password.length > 200) return 'must be at most 200 characters';
  if (common.has(password.toLowerCase())) return 'is too common';
  if (new Set(password).size < 5) return 'must use at least 5 different characters';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) return 'must not contain your e-mail address';
  return undefined;
}

/** A random secret for links and API tokens, and the hash under which it is stored. */
export function newSecret(prefix: string): { secret: string; hash: string } {
  const secret = `${prefix}_${crypto.randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

export const hashSecret = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');
