/**
 * What the public sees of programmes and cases, in one place. Beyond its own state (published,
 * not withdrawn, not deleted), a programme or case is held back while any organization that
 * runs it (an accepted operator) or that it names is not approved: a pending registration's
 * entries stay private until an operator approves the organization, and stay so if it is
 * rejected. Moderation would otherwise be walked around by registering an organization and
 * publishing its programmes before anyone looked at it.
 */
import { sql, type SQL } from 'drizzle-orm';

const alias = (name: string) => sql.raw(name);

/** True while an operator of programme `p` (by alias) awaits approval or was rejected. */
export const programmeHeld = (p: string): SQL =>
  sql`exists (select 1 from programme_operators held_po join organizations held_o on held_o.id = held_po.organization_id
              where held_po.programme_id = ${alias(p)}.id and held_o.state <> 'published')`;

/** True while an organization named by case `c` (by alias) awaits approval or was rejected. */
export const caseHeld = (c: string): SQL =>
  sql`exists (select 1 from case_organizations held_co join organizations held_o on held_o.id = held_co.organization_id
              where held_co.case_id = ${alias(c)}.id and held_o.state <> 'published')`;

/** The entry aliased `e` is published and neither deleted nor withdrawn by its sources (cases are never withdrawn). */
const live = (e: string, withdrawable = true): SQL =>
  withdrawable
    ? sql`${alias(e)}.state = 'published' and ${alias(e)}.deleted_at is null and ${alias(e)}.withdrawn_at is null`
    : sql`${alias(e)}.state = 'published' and ${alias(e)}.deleted_at is null`;

/** The organization aliased `o` is in public lists, pages, feeds and counts. */
export const publicOrganization = (o: string): SQL => live(o);

/** The programme aliased `p` is in public lists, pages, feeds and counts. */
export const publicProgramme = (p: string): SQL => sql`${live(p)} and not ${programmeHeld(p)}`;

/** The case aliased `c` is in public lists, pages, feeds and counts. */
export const publicCase = (c: string): SQL => sql`${live(c, false)} and not ${caseHeld(c)}`;

/** The public rule of each kind of entry, for queries written once for all three. */
export const publicEntry = { organization: publicOrganization, programme: publicProgramme, case: publicCase } as const;

/** What an in-memory check needs of a row: `held` as read with `programmeHeld` or `caseHeld`. */
export interface VisibleRow {
  state: string;
  deletedAt: Date | null;
  held?: boolean;
}

/**
 * Whether anyone may open the entry of a row read by id: published, not deleted, not held
 * back by moderation. Unlike lists, this keeps an entry its sources withdrew: its page stays
 * (saying so), and so do the links to it.
 */
export const openToAnyone = (row: VisibleRow): boolean => row.state === 'published' && !row.deletedAt && row.held !== true;
