import { z } from 'zod';
import { emailAddress as email } from '../email';
import { languages } from '../i18n';
import { loadReference } from '../reference';

export const loginBody = z.strictObject({ email, password: z.string().min(1, 'required').max(200, 'at most 200 characters') }).meta({ id: 'LoginBody' });

const country = z
  .string('expected an ISO 3166-1 alpha-2 code such as SN')
  .transform((v) => v.toUpperCase())
  .refine((v) => loadReference().countryByAlpha2.has(v), { message: 'unknown country; expected an ISO 3166-1 alpha-2 code such as SN' });

const signupShape = z.strictObject({
  email,
  password: z.string().max(200, 'at most 200 characters'),
  name: z.string().trim().min(1).max(200, 'at most 200 characters').optional().meta({ description: "The person's name; required for a firm." }),
  role: z
    .enum(['agency-editor', 'firm'], 'must be agency-editor or firm')
    .optional()
    .meta({
      description:
        'What the account is for: `firm` (asks agencies for introductions; then `name`, `company` and `country` are required) or `agency-editor` (maintains an agency). Without it the account is a firm whose details are optional, as for callers written before it was asked.',
    }),
  company: z.string().trim().min(1).max(200, 'at most 200 characters').optional().meta({ description: "A firm's company name, shown to the agencies it asks for introductions." }),
  country: country.optional().meta({ description: "A firm's country (ISO 3166-1 alpha-2), shown to the agencies it asks." }),
  /** The language of the account's mails; without it, the language of the request (Accept-Language, the `lang` cookie). */
  language: z.enum(languages, 'must be en, fr or es').optional(),
});

type SignupShape = z.infer<typeof signupShape>;

/** A firm says who it is: the agency it asks sees its name, company and country. */
function firmDetails(b: SignupShape, ctx: z.core.$RefinementCtx<SignupShape>) {
  if (b.role !== 'firm') return;
  for (const field of ['name', 'company', 'country'] as const) if (!b[field]) ctx.addIssue({ code: 'custom', path: [field], input: b[field], message: 'required for a firm' });
}

export const signupBody = signupShape.superRefine(firmDetails).meta({ id: 'SignupBody' });
export type SignupBody = z.infer<typeof signupBody>;

/** The sign-up page asks "a firm" or "an agency" and takes no default: someone who skips it is asked again. */
export const signupFormBody = signupShape.required({ role: true }).superRefine(firmDetails);

/**
 * A signed-in user's own details. Every field is optional: what is absent is kept, `null` clears.
 * `company` and `country` are a firm's; a firm cannot clear its name, company or country, which
 * the agencies it asks read (an account made without them may still leave them unset).
 */
export const detailsBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200, 'at most 200 characters').nullable().optional().meta({ description: "The person's name; a firm cannot clear it." }),
    company: z.string().trim().min(1).max(200, 'at most 200 characters').optional().meta({ description: "A firm's company name, shown to the agencies it asks." }),
    country: country.optional().meta({ description: "A firm's country (ISO 3166-1 alpha-2), shown to the agencies it asks." }),
    language: z.enum(languages, 'must be en, fr or es').optional().meta({ description: 'The language of the mails sent to the account.' }),
  })
  .meta({ id: 'DetailsBody' });
export type DetailsBody = z.infer<typeof detailsBody>;

/** The details form: a firm fills in all its details (as at sign-up), everyone picks a language. */
export const detailsFormBody = (firm: boolean) =>
  detailsBody.required({ language: true }).superRefine((b, ctx) => {
    if (!firm) return;
    for (const field of ['name', 'company', 'country'] as const) if (!b[field]) ctx.addIssue({ code: 'custom', path: [field], input: b[field], message: 'required for a firm' });
  });

export const resetRequestBody = z.strictObject({ email }).meta({ id: 'PasswordResetRequest' });

export const resetConfirmBody = z
  .strictObject({ token: z.string().min(10).max(200), password: z.string().max(200, 'at most 200 characters') })
  .meta({ id: 'PasswordResetConfirm' });

export const tokenBody = z.strictObject({ name: z.string().trim().min(1).max(100, 'at most 100 characters').optional() }).meta({ id: 'TokenBody' });

export const sessionUser = z.object({ id: z.uuid(), email: z.string(), roles: z.array(z.string()), organizations: z.array(z.uuid()) }).meta({ id: 'SessionUser' });
