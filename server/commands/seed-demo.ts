/**
 * Loads the demo set (real agencies and programmes as publicly known, every entry
 * marked `demo`) from server/reference/demo. Does nothing if demo entries exist.
 */
import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../db/client';
import { countDemoEntries, insertCase, insertOrganizations, insertProgramme } from '../db/entries';
import { projectPath } from '../paths';
import type { Reference } from '../reference';
import { deriveDirection } from '../reference/direction';
import { firmSizes, organizationKinds, partnershipTypes, programmeStatuses, services } from '../reference/vocabularies';

const alpha2 = z.string().regex(/^[A-Z]{2}$/);

const demoOrganization = z.object({
  key: z.string(),
  name: z.string(),
  acronym: z.string().optional(),
  kind: z.enum(organizationKinds),
  country: alpha2,
  website: z.url().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z.object({ street: z.string().optional(), city: z.string().optional(), country: alpha2.optional() }).optional(),
  description: z.string().optional(),
  services: z.array(z.enum(services)).default([]),
  sectors: z.array(z.string()).default([]),
  languages: z.array(z.string()).default([]),
  networks: z.array(z.string()).default([]),
});

const demoProgramme = z.object({
  key: z.string(),
  name: z.string(),
  operators: z.array(z.string()),
  funderCountries: z.array(alpha2).default([]),
  originCountries: z.array(alpha2),
  targetCountries: z.array(alpha2),
  partnershipTypes: z.array(z.enum(partnershipTypes)).default([]),
  services: z.array(z.enum(services)).default([]),
  sectors: z.array(z.string()).default([]),
  firmSizes: z.array(z.enum(firmSizes)).default([]),
  status: z.enum(programmeStatuses).default('active'),
  description: z.string().optional(),
  website: z.url().optional(),
});

const demoCase = z.object({
  key: z.string(),
  title: z.string(),
  summary: z.string().optional(),
  partners: z.array(z.object({ name: z.string(), country: alpha2.optional() })).default([]),
  countries: z.array(alpha2).default([]),
  partnershipType: z.enum(partnershipTypes).optional(),
  sectors: z.array(z.string()).default([]),
  programme: z.string().optional(),
  organizations: z.array(z.string()).default([]),
  year: z.number().int().optional(),
  outcome: z.string().optional(),
  lessons: z.string().optional(),
});

function readDemo<T extends z.ZodType>(file: string, item: T): z.infer<T>[] {
  const text = fs.readFileSync(projectPath('server', 'reference', 'demo', file), 'utf8');
  return z.array(item).parse(JSON.parse(text));
}

export type SeedResult = { status: 'skipped' } | { status: 'seeded'; organizations: number; programmes: number; cases: number };

export async function seedDemo(db: Db, ref: Reference): Promise<SeedResult> {
  if ((await countDemoEntries(db)) > 0) return { status: 'skipped' };
  const orgs = readDemo('organizations.json', demoOrganization);
  const progs = readDemo('programmes.json', demoProgramme);
  const demoCases = readDemo('cases.json', demoCase);

  return db.transaction(async (tx) => {
    const ids = await insertOrganizations(
      tx,
      orgs.map(({ key: _key, ...o }) => ({ ...o, address: o.address ?? null, demo: true })),
    );
    const orgId = new Map(orgs.map((o, i) => [o.key, ids[i] as string]));
    const orgCountry = new Map(orgs.map((o) => [o.key, o.country]));
    const resolve = (keys: string[], where: string) =>
      keys.map((k) => {
        const id = orgId.get(k);
        if (!id) throw new Error(`demo data: ${where} names unknown organization "${k}"`);
        return id;
      });

    const progId = new Map<string, string>();
    for (const { key, operators, ...p } of progs) {
      const supporters = [...p.funderCountries, ...operators.map((k) => orgCountry.get(k) ?? '')];
      const direction = deriveDirection({ origin: p.originCountries, target: p.targetCountries, supporters }, ref.statusOf);
      progId.set(key, await insertProgramme(tx, { ...p, direction, demo: true }, resolve(operators, `programme ${key}`)));
    }
    for (const { key, programme, organizations, ...c } of demoCases) {
      const programmeId = programme ? progId.get(programme) : undefined;
      if (programme && !programmeId) throw new Error(`demo data: case ${key} names unknown programme "${programme}"`);
      await insertCase(tx, { ...c, programmeId: programmeId ?? null, demo: true }, resolve(organizations, `case ${key}`));
    }
    return { status: 'seeded' as const, organizations: orgs.length, programmes: progs.length, cases: demoCases.length };
  });
}
