import type { AppContext } from '../context';
import { hashPassword, passwordWeakness } from '../auth/password';
import type { Role } from '../db/enums';
import type { Language } from '../i18n';
import { writeAudit } from '../db/outbox';
import { insertUser, setUserOrganizations, userByEmail } from '../db/users';
import { badRequest, conflict } from '../errors';
import { mustExist } from './manage-user';

export interface CreateUserProps {
  email: string;
  password: string;
  name?: string;
  roles: Role[];
  /** The language its mails are written in (English when not said). */
  language?: Language;
  /** A firm's company name and country (ISO alpha-2), shown to the agencies it asks. */
  company?: string;
  country?: string;
  /** Organizations the user edits as an agency editor. */
  organizations?: string[];
  /** Who creates the account: null for sign-up, the CLI or ADMIN_EMAIL. */
  actorId: string | null;
  requestId?: string;
}

/** Creates an account: 409 when the e-mail is taken, 400 when the password is weak. */
export async function createUser(ctx: Pick<AppContext, 'database'>, props: CreateUserProps): Promise<string> {
  const email = props.email.trim().toLowerCase();
  const weakness = passwordWeakness(props.password, email);
  if (weakness) throw badRequest([{ path: 'password', message: weakness }]);
  if (await userByEmail(ctx.database.db, email)) throw conflict('An account with this e-mail address exists already.');
  if (props.organizations) await mustExist(ctx.database.db, props.organizations);
  const passwordHash = await hashPassword(props.password);
  return ctx.database.db.transaction(async (tx) => {
    const user = await insertUser(tx, { email, name: props.name ?? null, company: props.company ?? null, country: props.country ?? null, passwordHash, roles: props.roles, language: props.language ?? 'en' });
    if (props.organizations?.length) await setUserOrganizations(tx, user.id, props.organizations);
    await writeAudit(tx, {
      actorId: props.actorId ?? user.id,
      action: 'create',
      entityType: 'user',
      entityId: user.id,
      after: { email, roles: props.roles, organizations: props.organizations ?? [] },
      requestId: props.requestId ?? null,
    });
    return user.id;
  });
}
