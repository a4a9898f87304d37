/**
 * The partnership readiness check. Anyone may take it; a signed-in user's results are kept,
 * visible only to that user and operators (someone else's id answers 404).
 */
import { Router } from 'express';
import type { AppContext } from '../../context';
import { requireUser } from '../../auth/middleware';
import type { CurrentUser } from '../../auth/roles';
import { translator } from '../../i18n';
import { assess, historyOf, savedAssessment } from '../../readiness/assess';
import { presentAssessment, presentHistory } from '../../readiness/present';
import { servicesFor } from '../../readiness/questions';
import { questionnaire } from '../../readiness/words';
import { notFound } from '../../errors';
import { idParam, parse } from '../../schemas/validate';
import { assessmentBody, questionsQuery, type AssessmentBody } from '../../schemas/readiness';

export function readinessRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/questions', (req, res) => {
    const { lang } = parse(questionsQuery, req.query);
    res.json(questionnaire(translator(lang), servicesFor));
  });

  router.post('/assessments', async (req, res) => {
    const body = parse(assessmentBody, req.body ?? {}) as AssessmentBody;
    const result = await assess(ctx, { answers: body.answers, country: body.country, user: req.user });
    res.status(result.id ? 201 : 200).json(presentAssessment(result));
  });

  router.get('/assessments', requireUser, async (req, res) => {
    res.json(presentHistory(await historyOf(ctx, req.user as CurrentUser)));
  });

  router.get('/assessments/:id', requireUser, async (req, res) => {
    const found = await savedAssessment(ctx, req.user as CurrentUser, idParam(req.params.id));
    if (!found) throw notFound('readiness assessment');
    res.json(presentAssessment(found));
  });
  return router;
}
