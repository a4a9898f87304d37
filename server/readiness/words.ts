/** The readiness check's words in the reader's language, from the readiness catalog. */
import { z } from 'zod';
import { languages, type Translator } from '../i18n';
import { services, type Service } from '../reference/vocabularies';
import { criteria, questionIds, scale, type Criterion, type QuestionId } from './questions';

export const criterionName = (tr: Translator, c: Criterion) => tr.t(`readyCriterion_${c}`);
export const questionText = (tr: Translator, q: QuestionId) => tr.t(`readyQ_${q}`);
export const scaleLabel = (tr: Translator, n: (typeof scale)[number]) => tr.t(`readyScale_${n}`);

export const questionnaireSchema = z
  .object({
    lang: z.enum(languages),
    scale: z.array(z.object({ value: z.number().int().min(0).max(scale.length - 1), label: z.string() })).meta({ description: 'The answers, 0 (not at all) to 4 (fully), with their words' }),
    criteria: z.array(
      z.object({
        id: z.enum(criteria),
        name: z.string(),
        services: z.array(z.enum(services)).meta({ description: 'The services that close a gap in this criterion, most direct first' }),
        questions: z.array(z.object({ id: z.enum(questionIds), text: z.string() })),
      }),
    ),
  })
  .meta({ id: 'ReadinessQuestionnaire' });
export type QuestionnaireJson = z.infer<typeof questionnaireSchema>;

/** The questionnaire as the API lists it: criteria in order, each with its questions and services. */
export function questionnaire(tr: Translator, servicesFor: Record<Criterion, readonly Service[]>): QuestionnaireJson {
  return {
    lang: tr.lang,
    scale: scale.map((value) => ({ value, label: scaleLabel(tr, value) })),
    criteria: criteria.map((c) => ({
      id: c,
      name: criterionName(tr, c),
      services: [...servicesFor[c]],
      questions: questionIds.filter((q) => q.startsWith(`${c}-`)).map((q) => ({ id: q, text: questionText(tr, q) })),
    })),
  };
}
