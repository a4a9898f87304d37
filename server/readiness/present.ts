/** The JSON of readiness checks: which fields leave the server. */
import type { Assessment, History } from './assess';
import type { AssessmentRow } from '../db/readiness';
import { criteria, GAP_BELOW } from './questions';

export function presentAssessment(a: Assessment) {
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

export const presentSummary = (row: AssessmentRow) => ({
  id: row.id,
  createdAt: row.createdAt.toISOString(),
  country: row.country,
  overall: row.overall,
  scores: row.scores,
});

export const presentHistory = (h: History) => ({ items: h.items.map(presentSummary), comparison: h.comparison });
