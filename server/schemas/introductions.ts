/** Introduction requests' bodies and queries; the same schemas give the OpenAPI document. */
import { z } from 'zod';
import { loadReference } from '../reference';
import { isPastDate } from '../reference/calendar';
import { partnershipTypes } from '../reference/vocabularies';
import { movableStatuses } from '../introductions/statuses';
import { introductionStatuses, outcomes } from '../db/enums';

const country = z
  .string('expected an ISO 3166-1 alpha-2 code such as KE')
  .transform((v) => v.toUpperCase())
  .refine((v) => loadReference().countryByAlpha2.has(v), { message: 'unknown country; expected an ISO 3166-1 alpha-2 code such as KE' });

const text = (max: number) => z.string('expected text').trim().max(max, `at most ${max} characters`);

export const introductionBody = z
  .strictObject({
    organizationId: z.uuid('must be a UUID').optional().meta({ description: 'The organization asked for an introduction.' }),
    programmeId: z.uuid('must be a UUID').optional().meta({ description: "The programme asked; its operators' organizations answer." }),
    message: text(5000).min(1, 'write what your firm seeks').meta({ description: 'What the firm seeks, in its own words.' }),
    partnershipType: z.enum(partnershipTypes, `expected one of: ${partnershipTypes.join(', ')}`).optional(),
    partnerCountries: z.array(country).max(50, 'at most 50 values').default([]),
  })
  .superRefine((b, ctx) => {
    if (!b.organizationId === !b.programmeId) ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'give either organizationId or programmeId' });
  })
  .meta({ id: 'IntroductionBody' });
export type IntroductionBody = z.infer<typeof introductionBody>;

const isoDate = z.string('expected a date').regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine((v) => { const d = new Date(`${v}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v); }, { message: 'not a real date' });

export const statusBody = z
  .strictObject({
    // `expired` is the daily job's alone: nobody moves a request there.
    status: z.enum(movableStatuses, `expected one of: ${movableStatuses.join(', ')}`),
    note: text(2000).optional().transform((v) => v || undefined),
    // Checked against the request's time: a follow-up is planned, not recorded after the fact.
    followUpOn: isoDate
      .superRefine((date, ctx) => {
        if (/^\d{4}-\d{2}-\d{2}$/.test(date) && isPastDate(date)) ctx.addIssue({ code: 'custom', message: 'must be today or later', params: { messageKey: 'modFollowUpPast' } });
      })
      .optional()
      .meta({ description: 'When the agency will next follow the request up: today or later.' }),
  })
  .meta({ id: 'IntroductionStatusBody' });
export type StatusBody = z.infer<typeof statusBody>;

export const outcomeBody = z
  .strictObject({
    outcome: z.enum(outcomes, `expected one of: ${outcomes.join(', ')}`),
    comment: text(2000).optional().transform((v) => v || undefined),
  })
  .meta({ id: 'IntroductionOutcomeBody' });
export type OutcomeBody = z.infer<typeof outcomeBody>;

export const listQuery = z
  .strictObject({
    status: z.enum(introductionStatuses, `expected one of: ${introductionStatuses.join(', ')}`).optional(),
    flagged: z.enum(['true', 'false'], 'expected true or false').optional().transform((v) => (v === undefined ? undefined : v === 'true')),
    limit: z.coerce.number('expected a number from 1 to 200').int('expected a whole number').min(1, 'at least 1').max(200, 'at most 200').default(100),
  })
  .meta({ id: 'IntroductionListQuery' });
