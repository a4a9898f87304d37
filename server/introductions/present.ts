/** The JSON of an introduction request: the same fields for its firm, its agency and staff (nobody else reads one). */
import { z } from 'zod';
import type { Detail } from '../commands/introductions';
import { introductionStatuses, outcomes, sides } from '../db/enums';
import type { IntroductionRow } from '../db/introductions';
import { partnershipTypes } from '../reference/vocabularies';
import { countryCode, documentedEnum } from '../schemas/codes';

const eventSchema = z.object({ from: z.enum(introductionStatuses).nullable(), to: z.enum(introductionStatuses), note: z.string().nullable(), followUpOn: z.iso.date().nullable(), by: z.uuid().nullable(), at: z.iso.datetime() });

/** A request as its firm, its agency and staff read it; `history` and `outcomes` only when read one at a time. */
export const introductionSchema = z
  .object({
    id: z.uuid(),
    firmId: z.uuid(),
    firm: z
      .object({ name: z.string().nullable(), company: z.string().nullable(), country: countryCode.nullable(), email: z.string().nullable() })
      .meta({ description: "Who asks: the firm's name, company, country (alpha-2) and e-mail, shared with the agency and the secretariat when it sent the request" }),
    answeredBy: z.enum(['agency', 'secretariat']).meta({ description: '`secretariat` when no agency maintains the organizations the request went to: the operators answer it' }),
    organizationId: z.uuid().nullable(),
    programmeId: z.uuid().nullable(),
    targetName: z.string().nullable(),
    recipients: z.array(z.uuid()).meta({ description: 'Organizations that answer the request' }),
    message: z.string(),
    partnershipType: documentedEnum(partnershipTypes).nullable(),
    partnerCountries: z.array(countryCode),
    status: z.enum(introductionStatuses),
    followUpOn: z.iso.date().nullable().meta({ description: 'When the agency will next follow the request up' }),
    flaggedAt: z.iso.datetime().nullable().meta({ description: 'Set when the request stayed new for 14 days' }),
    closedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    history: z.array(eventSchema).optional(),
    outcomes: z.array(z.object({ side: z.enum(sides), outcome: z.enum(outcomes), comment: z.string().nullable(), at: z.iso.datetime() })).optional(),
  })
  .meta({ id: 'Introduction' });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentIntroduction(row: IntroductionRow): z.infer<typeof introductionSchema> {
  return {
    id: row.id,
    firmId: row.firmId,
    // Who asks: only its firm, its agency and staff read a request, and the firm agreed to this when it sent it.
    firm: { name: row.firmName, company: row.firmCompany, country: row.firmCountry, email: row.firmEmail },
    answeredBy: row.maintained ? ('agency' as const) : ('secretariat' as const),
    organizationId: row.organizationId,
    programmeId: row.programmeId,
    targetName: row.targetName,
    recipients: row.recipients,
    message: row.message,
    partnershipType: row.partnershipType,
    partnerCountries: row.partnerCountries,
    status: row.status,
    followUpOn: row.followUpOn,
    flaggedAt: iso(row.flaggedAt),
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentDetail(d: Detail): z.infer<typeof introductionSchema> {
  return {
    ...presentIntroduction(d.introduction),
    history: d.events.map((e) => ({ from: e.fromStatus, to: e.toStatus, note: e.note, followUpOn: e.followUpOn, by: e.actorId, at: e.at.toISOString() })),
    outcomes: d.outcomes.map((o) => ({ side: o.side, outcome: o.outcome, comment: o.comment, at: o.createdAt.toISOString() })),
  };
}
