/** Registering, editing, moderating, confirming and deleting organizations. Every write is audited. */
import type { AppContext } from '../context';
import { editsOrganization, registersOrganizations } from '../auth/permissions';
import { isStaff } from '../auth/roles';
import { insertOrganizations, organizationsByIds, provenanceOf } from '../db/entries';
import { writeAudit } from '../db/outbox';
import { addUserOrganization, editorRecipientsOf, recipientById } from '../db/users';
import { touchEntriesOf, updateOrganization, type OrganizationChanges } from '../db/writes';
import { forbidden, gone, HttpError, notFound } from '../errors';
import { mailTo } from '../localized-mail';
import { presentOrganization } from '../presenters/organization';
import type { OrganizationInput } from '../schemas/entries';
import { auditActor, type Actor } from './actor';

type Ctx = Pick<AppContext, 'database' | 'env' | 'logger'>;

async function snapshot(ctx: Ctx, id: string) {
  const [row] = await organizationsByIds(ctx.database.db, [id]);
  if (!row) throw notFound('organization');
  if (row.deletedAt) throw gone('organization');
  return { row, json: presentOrganization(row, await provenanceOf(ctx.database.db, 'organization', [id])) };
}

/** Registers an organization: published at once by staff, pending approval when an agency registers it. */
export async function registerOrganization(ctx: Ctx, actor: Actor, input: OrganizationInput): Promise<string> {
  const staff = isStaff(actor.user);
  if (!registersOrganizations(actor.user)) throw forbidden('Only agency editors, operators and admins register organizations.');
  const id = await ctx.database.db.transaction(async (tx) => {
    const [newId] = await insertOrganizations(tx, [{ ...input, address: input.address ?? null, state: staff ? 'published' : 'pending', createdBy: actor.user.id }]);
    if (!newId) throw new Error('insert returned no id');
    if (!staff) await addUserOrganization(tx, actor.user.id, newId);
    await writeAudit(tx, { ...auditActor(actor), action: 'create', entityType: 'organization', entityId: newId, after: input });
    return newId;
  });
  const registrant = staff ? undefined : await recipientById(ctx.database.db, actor.user.id);
  if (registrant) {
    await mailTo(ctx, registrant, 'registration-received', ({ t, page }) => ({
      subject: t('mailRegReceivedSubject', { name: input.name }),
      text: [t('mailRegReceivedText', { name: input.name, brand: t('brand') }), t('mailYourAccount', { link: page('/account') })].join('\n\n'),
    }));
  }
  return id;
}

/** Changes the fields given; they become local and no later sync overwrites them. */
export async function editOrganization(ctx: Ctx, actor: Actor, id: string, input: Partial<OrganizationInput>): Promise<void> {
  const before = await snapshot(ctx, id);
  if (!editsOrganization(actor.user, id)) throw forbidden('You do not maintain this organization.');
  const fields = Object.keys(input);
  const localFields = [...new Set([...before.row.localFields, ...fields])];
  const changes: OrganizationChanges = { ...input, address: input.address === undefined ? undefined : (input.address ?? null), localFields };
  // An agency that corrects a rejected registration asks for review again.
  if (before.row.state === 'rejected' && !isStaff(actor.user)) changes.state = 'pending';
  await ctx.database.db.transaction(async (tx) => {
    await updateOrganization(tx, id, changes);
    await writeAudit(tx, { ...auditActor(actor), action: 'update', entityType: 'organization', entityId: id, before: before.json, after: input });
  });
}

/** Records that the organization's agency (or an operator) checked the entry is still right. */
export async function confirmOrganization(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  await snapshot(ctx, id);
  if (!editsOrganization(actor.user, id)) throw forbidden('You do not maintain this organization.');
  await ctx.database.db.transaction(async (tx) => {
    await updateOrganization(tx, id, { confirmedAt: new Date(), remindedAt: null });
    await writeAudit(tx, { ...auditActor(actor), action: 'confirm', entityType: 'organization', entityId: id });
  });
}

export type Moderation = { decision: 'approve' } | { decision: 'reject'; reason: string } | { decision: 'unpublish'; reason?: string };

/** An operator approves or rejects a pending registration (or unpublishes an entry); its agency is told by mail. */
export async function moderateOrganization(ctx: Ctx, actor: Actor, id: string, moderation: Moderation): Promise<void> {
  if (!isStaff(actor.user)) throw forbidden('Only operators and admins moderate registrations.');
  const before = await snapshot(ctx, id);
  const state = moderation.decision === 'approve' ? 'published' : moderation.decision === 'reject' ? 'rejected' : 'pending';
  if (moderation.decision !== 'unpublish' && before.row.state !== 'pending') {
    throw new HttpError(409, 'not-pending', 'Not pending', `This organization is ${before.row.state}, not pending approval.`);
  }
  const reason = moderation.decision === 'approve' ? null : (moderation.reason ?? null);
  await ctx.database.db.transaction(async (tx) => {
    await updateOrganization(tx, id, { state, moderationNote: reason, ...(state === 'published' ? { confirmedAt: new Date() } : {}) });
    await touchEntriesOf(tx, id);
    await writeAudit(tx, { ...auditActor(actor), action: moderation.decision, entityType: 'organization', entityId: id, before: { state: before.row.state }, after: { state, reason } });
  });
  const name = before.row.name;
  for (const to of await editorRecipientsOf(ctx.database.db, id)) {
    await mailTo(ctx, to, moderation.decision === 'approve' ? 'registration-approved' : 'registration-rejected', ({ t, page }) => {
      if (moderation.decision === 'approve') {
        return { subject: t('mailRegApprovedSubject', { name }), text: [t('mailRegApprovedText', { name }), t('mailSeeEntry', { link: page(`/organizations/${id}`) })].join('\n\n') };
      }
      const [subject, said] = moderation.decision === 'reject' ? (['mailRegRejectedSubject', 'mailRegRejectedText'] as const) : (['mailUnpublishedSubject', 'mailUnpublishedText'] as const);
      const lines = [t(said, { name }), ...(reason ? [t('mailReason', { reason })] : []), t('mailCorrectAndAsk', { link: page(`/account/organizations/${id}/edit`) })];
      return { subject: t(subject, { name }), text: lines.join('\n\n') };
    });
  }
}

/** Deletes the organization: it answers 410 from now on and no sync brings it back. */
export async function deleteOrganization(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  const before = await snapshot(ctx, id);
  if (!editsOrganization(actor.user, id)) throw forbidden('You do not maintain this organization.');
  await ctx.database.db.transaction(async (tx) => {
    await updateOrganization(tx, id, { deletedAt: new Date() });
    await writeAudit(tx, { ...auditActor(actor), action: 'delete', entityType: 'organization', entityId: id, before: before.json });
  });
}
