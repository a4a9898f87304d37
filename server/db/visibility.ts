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

/** The programme aliased `p` is in public lists, pages, feeds and counts. */
export const publicProgramme = (p: string): SQL =>
  sql`${alias(p)}.state = 'published' and ${alias(p)}.deleted_at is null and ${alias(p)}.withdrawn_at is null and not ${programmeHeld(p)}`;

/** The case aliased `c` is in public lists, pages, feeds and counts. */
export const publicCase = (c: string): SQL => sql`${alias(c)}.state = 'published' and ${alias(c)}.deleted_at is null and not ${caseHeld(c)}`;
