import { z } from 'zod';
import { runStatuses } from '../db/enums';

/** The tables `GET /api/v1/stats.csv` can give, one per chart of the progress page. */
export const statsTables = ['programmesByDirection', 'programmesByRegion', 'organizationsByCountry', 'organizationsByRegion', 'organizationsByLdc', 'introductionsByStatus', 'introductionOutcomes', 'concludedByDirection', 'concludedByRegion', 'introductionsSixMonthsOn', 'sources'] as const;
export type StatsTable = (typeof statsTables)[number];

export const statsCsvQuery = z.strictObject({ table: z.enum(statsTables, `must be one of ${statsTables.join(', ')}`) }).meta({ id: 'StatsCsvQuery' });

const cell = z.object({ value: z.string(), count: z.number().int() });
const suppressed = z.object({ value: z.string(), count: z.number().int().nullable().meta({ description: 'null when under 5' }) });

export const statsBody = z
  .object({
    programmes: z.object({
      byDirection: z.array(cell).meta({ description: 'Public programmes by direction (undetermined when the countries do not settle it)' }),
      byRegion: z.array(cell).meta({ description: 'Public programmes by M49 region (code): a programme counts in each region one of its target countries is in' }),
    }),
    organizations: z.object({
      byCountry: z.array(cell).meta({ description: 'Public organizations by the country (alpha-2) they are based in' }),
      byRegion: z.array(cell).meta({ description: 'Public organizations by the M49 region (code) of their country' }),
      byLdc: z.array(cell).meta({ description: 'Public organizations based in a least developed country (ldc) or not (other)' }),
    }),
    introductions: z
      .object({
        byStatus: z.array(suppressed),
        timeToConclusion: z.object({ medianDays: z.number(), count: z.number().int() }).nullable(),
        concludedByDirection: z.array(suppressed),
        concludedByRegion: z.array(suppressed),
        outcomes: z.array(suppressed).meta({ description: 'How closed requests went, as firms and agencies told it (one answer per side)' }),
        sixMonthsOn: z
          .array(suppressed)
          .meta({ description: 'What came of requests six months after they closed (no-further-contact, useful-contact, negotiation-started, agreement-reached), as each side answered the mailed question; one answer per side' }),
      })
      .meta({ description: "Drawn from firms' introduction requests: every cell under 5 is null. Empty until introduction requests are recorded." }),
    sources: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        network: z.string(),
        connector: z.string(),
        enabled: z.boolean(),
        lastRun: z
          .object({ status: z.enum(runStatuses), startedAt: z.iso.datetime().nullable(), finishedAt: z.iso.datetime().nullable(), counts: z.record(z.string(), z.number().int()) })
          .nullable()
          .meta({ description: 'The latest run, whatever its state; null before the first' }),
        runsLast30Days: z.number().int(),
        failedLast30Days: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Stats' });
