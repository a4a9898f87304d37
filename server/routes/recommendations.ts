/** POST /api/v1/recommendations: public; a firm's need in, ranked organizations and programmes out, each with its reasons. */
import { defineRoute, json, ok, type Route } from '../api/route';
import { servedOverTls } from '../env';
import { pageLanguage, translator } from '../i18n';
import { explainer, presentRecommendations, recommendationsSchema } from '../matchmaking/explain';
import { recommend } from '../matchmaking/recommend';
import { recommendationBody } from '../schemas/recommendations';

export const recommendationRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/recommendations',
    auth: 'public',
    operationId: 'recommend',
    summary: "Organizations and programmes ranked by fit for a firm's need, each with its reasons",
    description: "The reasons are written in the request's language. See the README for the weights.",
    tags: ['Matchmaking'],
    body: recommendationBody,
    responses: { 200: json('Best first', recommendationsSchema) },
    handler: async ({ ctx, req, res, body }) => {
      const explain = explainer(translator(pageLanguage(req, res, servedOverTls(ctx.env))), ctx.reference);
      return ok(presentRecommendations(await recommend(ctx, body), explain));
    },
  }),
];
