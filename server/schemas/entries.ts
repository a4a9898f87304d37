/** Bodies of writes to organizations, programmes and cases; paths in errors are the body fields' dot paths. */
import { z } from 'zod';
import { emailAddress } from '../email';
import { loadReference } from '../reference';
import { isFutureYear, latestYear } from '../reference/calendar';
import { firmSizes, organizationKinds, partnershipTypes, programmeStatuses, services } from '../reference/vocabularies';

const country = z
  .string()
  .transform((v, c) => {
    const found = loadReference().resolveCountry(v);
    if (!found) c.addIssue({ code: 'custom', message: 'unknown country; give an ISO 3166-1 alpha-2 code such as KE' });
    return found?.alpha2 ?? v;
  });
const countries = z.array(country).max(250);
const sector = z
  .string()
  .transform((v) => v.toUpperCase())
  .refine((v) => loadReference().sectorByCode.has(v), 'unknown sector; give an ISIC Rev.4 section (A-U) or division (01-99)');
const httpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) address' })
  .max(2000, 'at most 2000 characters');
const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const label = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a lowercase label such as empretec');
const publish = z.enum(['draft', 'published'], 'must be draft or published');

const organizationFields = {
  name: text(300).min(1, 'required'),
  acronym: text(50).nullish(),
    kind: z.enum(organizationKinds, `must be one of: ${organizationKinds.join(', ')}`),
    country,
    website: httpUrl.nullish(),
    email: emailAddress.nullish(),
    phone: text(50).nullish(),
    address: z
      .strictObject({ street: text(300).optional(), city: text(100).optional(), postalCode: text(20).optional(), region: text(100).optional(), country: country.optional() })
      .nullish(),
    description: text(20_000).nullish(),
    services: z.array(z.enum(services, `must be one of: ${services.join(', ')}`)).max(20),
    sectors: z.array(sector).max(120),
    languages: z.array(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as fr')).max(20),
    networks: z.array(label).max(20),
};

/**
 * Defaults belong to creation only: a PATCH names the fields it changes, and a field it
 * leaves out must keep its value (a default there would wipe it).
 */
const withDefaults = <T extends z.ZodRawShape>(fields: T, defaults: Partial<Record<keyof T, unknown>>) =>
  Object.fromEntries(
    Object.entries(fields).map(([k, f]) => [k, k in defaults ? (f as z.ZodType).default(defaults[k as keyof T] as never) : f]),
  ) as T;

export const organizationBody = z
  .strictObject(withDefaults(organizationFields, { services: [], sectors: [], languages: [], networks: [] }))
  .meta({ id: 'OrganizationInput' });
export const organizationPatch = z.strictObject(organizationFields).partial().meta({ id: 'OrganizationPatch' });

const programmeFields = {
  name: text(300).min(1, 'required'),
  operators: z.array(z.uuid('must be an organization id')).min(1, 'at least one operator').max(20),
  originCountries: countries,
  targetCountries: countries,
  funderCountries: countries,
  partnershipTypes: z.array(z.enum(partnershipTypes, `must be one of: ${partnershipTypes.join(', ')}`)).max(20),
  services: z.array(z.enum(services, `must be one of: ${services.join(', ')}`)).max(20),
  sectors: z.array(sector).max(120),
  firmSizes: z.array(z.enum(firmSizes)).max(4),
  status: z.enum(programmeStatuses),
  description: text(20_000).nullish(),
  website: httpUrl.nullish(),
  state: publish,
};
const listDefaults = { originCountries: [], targetCountries: [], funderCountries: [], partnershipTypes: [], services: [], sectors: [], firmSizes: [] };
export const programmeBody = z
  .strictObject(withDefaults(programmeFields, { ...listDefaults, status: 'active', state: 'published' }))
  .meta({ id: 'ProgrammeInput' });
export const programmePatch = z.strictObject(programmeFields).partial().meta({ id: 'ProgrammePatch' });

const caseFields = {
  title: text(300).min(1, 'required'),
  summary: text(20_000).nullish(),
  partners: z.array(z.strictObject({ name: text(300).min(1), country: country.optional() })).max(20),
  countries,
  partnershipType: z.enum(partnershipTypes).nullish(),
  sectors: z.array(sector).max(120),
  programme: z.uuid('must be a programme id').nullish(),
  organizations: z.array(z.uuid('must be an organization id')).min(1, 'at least one organization').max(20),
  // Checked against the request's time: a best-practice case has already happened.
  year: z
    .number()
    .int()
    .min(1950)
    .max(2100)
    .superRefine((year, ctx) => {
      if (!isFutureYear(year)) return;
      const latest = latestYear();
      ctx.addIssue({ code: 'custom', message: `must not be later than ${latest}: a case has already happened`, params: { messageKey: 'modYearFuture', values: { year: latest } } });
    })
    .nullish(),
  outcome: text(20_000).nullish(),
  lessons: text(20_000).nullish(),
  state: publish,
};
export const caseBody = z.strictObject(withDefaults(caseFields, { partners: [], countries: [], sectors: [], state: 'published' })).meta({ id: 'CaseInput' });
export const casePatch = z.strictObject(caseFields).partial().meta({ id: 'CasePatch' });

export const moderationBody = z.strictObject({ reason: text(2000).min(1, 'say why').optional() }).meta({ id: 'Moderation' });
export const claimBody = z.strictObject({ message: text(2000).optional() }).meta({ id: 'ClaimInput' });

export type OrganizationInput = z.infer<typeof organizationBody>;
export type ProgrammeInput = z.infer<typeof programmeBody>;
export type CaseInput = z.infer<typeof caseBody>;
