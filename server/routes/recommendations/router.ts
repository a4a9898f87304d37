/** POST /api/v1/recommendations: public; a firm's need in, ranked organizations and programmes out, each with its reasons. */
import { Router } from 'express';
import type { AppContext } from '../../context';
import { servedOverTls } from '../../env';
import { pageLanguage, translator } from '../../i18n';
import { explainer, presentRecommendations } from '../../matchmaking/explain';
import { recommend } from '../../matchmaking/recommend';
import { parse } from '../../schemas/validate';
import { recommendationBody } from '../../schemas/recommendations';

export function recommendationsRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const need = parse(recommendationBody, req.body ?? {});
    const explain = explainer(translator(pageLanguage(req, res, servedOverTls(ctx.env))), ctx.reference);
    res.json(presentRecommendations(await recommend(ctx, need), explain));
  });
  return router;
}
