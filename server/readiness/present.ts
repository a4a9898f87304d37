/** The JSON of readiness checks: which fields leave the server. */
import { z } from 'zod';
import type { Assessment, History } from './assess';
import type { AssessmentRow } from '../db/readiness';
import { services } from '../reference/vocabularies';
import { answer } from '../schemas/readiness';
import { countryCode } from '../schemas/codes';
import { criteria, GAP_BELOW, questionIds, type Criterion, type QuestionId } from './questions';

const score = z.number().int().min(0).max(100);
const criterion = z.enum(criteria);
const scoresShape = Object.fromEntries(criteria.map((c) => [c, score])) as Record<Criterion, typeof score>;
const answersShape = Object.fromEntries(questionIds.map((q) => [q, answer])) as Record<QuestionId, typeof answer>;

const offerSchema = z
  .object({
    type: z.enum(['programme', 'organization']),
    id: z.uuid(),
    name: z.string(),
    countries: z.array(countryCode).meta({ description: "Where it works: an organization's country, a programme's origin and target countries" }),
    services: z.array(z.string()),
  })
  .meta({ id: 'ReadinessOffer' });

export const assessmentSchema = z
  .object({
    id: z.uuid().nullable().meta({ description: 'null when taken without signing in, and so not saved' }),
    saved: z.boolean(),
    createdAt: z.iso.datetime(),
    country: countryCode.nullable(),
    overall: score,
    criteria: z.array(z.object({ criterion, score, gap: z.boolean().meta({ description: `Scored under ${GAP_BELOW}` }) })),
    gaps: z.array(z.object({ criterion, score, services: z.array(z.enum(services)).meta({ description: 'The services that close this gap, most direct first' }), offers: z.array(offerSchema) })),
    answers: z.object(answersShape),
  })
  .meta({ id: 'ReadinessAssessment' });
export type AssessmentJson = z.infer<typeof assessmentSchema>;

export function presentAssessment(a: Assessment): AssessmentJson {
  return {
    id: a.id,
    saved: a.id !== null,
    createdAt: a.createdAt.toISOString(),
    country: a.country,
    overall: a.overall,
    criteria: criteria.map((c) => ({ criterion: c, score: a.scores[c], gap: a.scores[c] < GAP_BELOW })),
    gaps: a.help.map((h) => ({ criterion: h.criterion, score: a.scores[h.criterion], services: h.services, offers: h.offers })),
    answers: a.answers,
  };
}

const summarySchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
    country: countryCode.nullable(),
    overall: score,
    // A check saved before a criterion existed has no score for it.
    scores: z.record(z.string(), score).meta({ description: 'Score per criterion' }),
  })
  .meta({ id: 'ReadinessSummary' });

const change = { before: score, after: score, change: z.number().int(), trend: z.enum(['up', 'down', 'same']) };

export const historySchema = z
  .object({
    items: z.array(summarySchema).meta({ description: 'Newest first' }),
    comparison: z
      .object({ from: z.uuid(), to: z.uuid(), criteria: z.array(z.object({ criterion, ...change })), overall: z.object(change) })
      .nullable()
      .meta({ description: 'The latest check against the one before it; null with fewer than two' }),
  })
  .meta({ id: 'ReadinessHistory' });
export type HistoryJson = z.infer<typeof historySchema>;

export const presentSummary = (row: AssessmentRow): HistoryJson['items'][number] => ({
  id: row.id,
  createdAt: row.createdAt.toISOString(),
  country: row.country,
  overall: row.overall,
  scores: row.scores,
});

export const presentHistory = (h: History): HistoryJson => ({ items: h.items.map(presentSummary), comparison: h.comparison });
