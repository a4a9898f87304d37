/** The readiness check's words in the reader's language, from the readiness catalog. */
import type { Translator } from '../i18n';
import { criteria, questionIds, scale, type Criterion, type QuestionId } from './questions';

export const criterionName = (tr: Translator, c: Criterion) => tr.t(`readyCriterion_${c}`);
export const questionText = (tr: Translator, q: QuestionId) => tr.t(`readyQ_${q}`);
export const scaleLabel = (tr: Translator, n: (typeof scale)[number]) => tr.t(`readyScale_${n}`);

/** The questionnaire as the API lists it: criteria in order, each with its questions and services. */
export function questionnaire(tr: Translator, servicesFor: Record<Criterion, readonly string[]>) {
  return {
    lang: tr.lang,
    scale: scale.map((value) => ({ value, label: scaleLabel(tr, value) })),
    criteria: criteria.map((c) => ({
      id: c,
      name: criterionName(tr, c),
      services: servicesFor[c],
      questions: questionIds.filter((q) => q.startsWith(`${c}-`)).map((q) => ({ id: q, text: questionText(tr, q) })),
    })),
  };
}
