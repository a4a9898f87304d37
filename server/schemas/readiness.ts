/** The readiness check's requests: the answers to every question, each 0-4, and the firm's country. */
import { z } from 'zod';
import { loadReference } from '../reference';
import { MAX_ANSWER, questionIds, type QuestionId } from '../readiness/questions';
import type { Answers } from '../readiness/scoring';

const message = `answer with a whole number from 0 to ${MAX_ANSWER}`;
export const answer = z.number(message).int(message).min(0, message).max(MAX_ANSWER, message);

const answersShape = Object.fromEntries(questionIds.map((q) => [q, answer])) as Record<QuestionId, typeof answer>;

export const assessmentBody = z
  .strictObject({
    answers: z.strictObject(answersShape, 'answers must be an object of question id → 0-4').meta({ description: 'Every question of GET /api/v1/readiness/questions, answered 0 (not at all) to 4 (fully).' }),
    country: z
      .string()
      .transform((v) => v.toUpperCase())
      .refine((v) => loadReference().countryByAlpha2.has(v), { message: 'unknown country; expected an ISO 3166-1 alpha-2 code such as KE' })
      .optional()
      .meta({ description: "The firm's country: programmes and organizations working there are suggested first." }),
  })
  .meta({ id: 'ReadinessAssessmentBody' });

export type AssessmentBody = Omit<z.infer<typeof assessmentBody>, 'answers'> & { answers: Answers };

export const questionsQuery = z.strictObject({ lang: z.enum(['en', 'fr', 'es'], 'expected en, fr or es').default('en') });
