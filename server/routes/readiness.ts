/**
 * The partnership readiness check. Anyone may take it; a signed-in user's results are kept,
 * visible only to that user and operators (someone else's id answers 404).
 */
import { defineRoute, json, ok, problem, reply, type Route } from '../api/route';
import { idParams } from '../api/params';
import { notFound } from '../errors';
import { translator } from '../i18n';
import { assess, historyOf, savedAssessment } from '../readiness/assess';
import { assessmentSchema, historySchema, presentAssessment, presentHistory } from '../readiness/present';
import { servicesFor } from '../readiness/questions';
import { questionnaire, questionnaireSchema } from '../readiness/words';
import { assessmentBody, questionsQuery, type AssessmentBody } from '../schemas/readiness';

export const readinessRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/readiness/questions',
    auth: 'public',
    operationId: 'readinessQuestions',
    summary: 'The partnership readiness check: eight criteria, three questions each, answered 0-4',
    tags: ['Matchmaking'],
    query: questionsQuery,
    responses: { 200: json('Criteria with their questions and services, and the answer scale', questionnaireSchema) },
    handler: ({ query }) => ok(questionnaire(translator(query.lang), servicesFor)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/readiness/assessments',
    auth: 'public',
    operationId: 'assessReadiness',
    summary: 'Take the readiness check',
    description:
      'Scores per criterion and overall (0-100), and the gaps (under 60) with the services and up to 3 programmes or organizations that close each. Saved when signed in (201), computed only when not (200).',
    tags: ['Matchmaking'],
    body: assessmentBody,
    responses: { 200: json('Computed, not saved', assessmentSchema), 201: json('Saved for the signed-in user', assessmentSchema) },
    handler: async ({ ctx, body, user }) => {
      // The body's answers are checked against every question id, so they are the scorer's Answers.
      const { answers, country } = body as AssessmentBody;
      const result = await assess(ctx, { answers, country, user });
      return reply(result.id ? 201 : 200, presentAssessment(result));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/readiness/assessments',
    auth: 'user',
    operationId: 'listReadinessAssessments',
    summary: 'Your saved readiness checks, newest first, with the last two compared per criterion',
    tags: ['Matchmaking'],
    responses: { 200: json('History', historySchema) },
    handler: async ({ ctx, user }) => ok(presentHistory(await historyOf(ctx, user))),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/readiness/assessments/{id}',
    auth: 'user',
    operationId: 'getReadinessAssessment',
    summary: 'One of your readiness checks',
    description: "Operators see any; someone else's is as good as unknown (404).",
    tags: ['Matchmaking'],
    params: idParams,
    responses: { 200: json('The assessment', assessmentSchema), 404: problem('No readiness check of yours has this id') },
    handler: async ({ ctx, user, params }) => {
      const found = await savedAssessment(ctx, user, params.id);
      if (!found) throw notFound('readiness assessment');
      return ok(presentAssessment(found));
    },
  }),
];
