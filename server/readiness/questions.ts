/**
 * The partnership readiness check: UNCTAD's eight "partnership-ready" criteria (DESIGN.md), three
 * questions each, answered on a 0-4 scale. The words live in the readiness catalog; this file
 * says which questions exist and which services close a gap in each criterion.
 */
import type { Service } from '../reference/vocabularies';

export const criteria = ['motives', 'targets', 'preparation', 'negotiation', 'culture', 'trust', 'quality', 'management'] as const;
export type Criterion = (typeof criteria)[number];

/** Three questions per criterion, numbered from 1: `motives-1` … `management-3`. */
export const QUESTIONS_PER_CRITERION = 3;
export type QuestionId = `${Criterion}-${1 | 2 | 3}`;

export const questionIds: QuestionId[] = criteria.flatMap((c) => ([1, 2, 3] as const).map((n): QuestionId => `${c}-${n}`));

export const criterionOf = (question: QuestionId): Criterion => question.slice(0, question.lastIndexOf('-')) as Criterion;

/** The answer scale: 0 "not at all" to 4 "fully". */
export const scale = [0, 1, 2, 3, 4] as const;
export const MAX_ANSWER = 4;

/** A criterion scoring under this (of 100) is a gap. */
export const GAP_BELOW = 60;

/** The intermediaries' services that help a firm close a gap in each criterion, most direct first. */
export const servicesFor: Record<Criterion, Service[]> = {
  motives: ['partnership-readiness-diagnosis', 'training'],
  targets: ['partnership-readiness-diagnosis', 'pre-feasibility-study'],
  preparation: ['pre-feasibility-study', 'partner-search', 'evaluation-report', 'trade-fairs-and-missions'],
  negotiation: ['negotiation-support', 'training'],
  culture: ['study-tours', 'trade-fairs-and-missions', 'training'],
  trust: ['legal-advice', 'follow-up-until-deal', 'evaluation-report'],
  quality: ['training', 'evaluation-report', 'financing-or-guarantees'],
  management: ['training', 'financing-or-guarantees', 'study-tours'],
};
