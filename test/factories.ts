/** Builds directory entries with sensible defaults for tests. */
import type { AppContext } from '../server/context';
import { insertCase, insertOrganizations, insertProgramme, type NewCase, type NewOrganization, type NewProgramme } from '../server/db/entries';
import { deriveDirection } from '../server/reference/direction';

let n = 0;

export async function makeOrganization(ctx: AppContext, fields: Partial<NewOrganization> = {}): Promise<string> {
  n += 1;
  const [id] = await insertOrganizations(ctx.database.db, [
    { name: `Test Agency ${n}`, kind: 'investment-promotion-agency', country: 'KE', ...fields },
  ]);
  if (!id) throw new Error('no id');
  return id;
}

export async function makeProgramme(
  ctx: AppContext,
  fields: Partial<NewProgramme> & { originCountries: string[]; targetCountries: string[] },
  operators: string[] = [],
  operatorCountries: string[] = [],
): Promise<string> {
  n += 1;
  const direction = deriveDirection(
    { origin: fields.originCountries, target: fields.targetCountries, supporters: [...(fields.funderCountries ?? []), ...operatorCountries] },
    ctx.reference.statusOf,
  );
  return insertProgramme(ctx.database.db, { name: `Test Programme ${n}`, direction, ...fields }, operators);
}

export async function makeCase(ctx: AppContext, fields: Partial<NewCase> = {}, organizations: string[] = []): Promise<string> {
  n += 1;
  return insertCase(ctx.database.db, { title: `Test Case ${n}`, ...fields }, organizations);
}
