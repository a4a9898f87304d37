import { z } from 'zod';
import { emailAddress as email } from '../../email';
import { languages } from '../../i18n';

export const loginBody = z.strictObject({ email, password: z.string().min(1, 'required').max(200, 'at most 200 characters') }).meta({ id: 'LoginBody' });

export const signupBody = z
  .strictObject({
    email,
    password: z.string().max(200, 'at most 200 characters'),
    name: z.string().trim().min(1).max(200, 'at most 200 characters').optional(),
    role: z.enum(['agency-editor', 'firm'], 'must be agency-editor or firm').default('firm'),
    /** The language of the account's mails; without it, the language of the request (Accept-Language, the `lang` cookie). */
    language: z.enum(languages, 'must be en, fr or es').optional(),
  })
  .meta({ id: 'SignupBody' });

export const resetRequestBody = z.strictObject({ email }).meta({ id: 'PasswordResetRequest' });

export const resetConfirmBody = z
  .strictObject({ token: z.string().min(10).max(200), password: z.string().max(200, 'at most 200 characters') })
  .meta({ id: 'PasswordResetConfirm' });

export const tokenBody = z.strictObject({ name: z.string().trim().min(1).max(100, 'at most 100 characters').optional() }).meta({ id: 'TokenBody' });

export const sessionUser = z.object({ id: z.uuid(), email: z.string(), roles: z.array(z.string()), organizations: z.array(z.uuid()) }).meta({ id: 'SessionUser' });
