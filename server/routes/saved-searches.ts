/** A signed-in user's saved searches: save, list and delete one's own (someone else's id answers 404). */
import { z } from 'zod';
import { defineRoute, empty, json, noContent, ok, problem, reply, type Route } from '../api/route';
import { idParams } from '../api/params';
import { saveSearch } from '../commands/saved-searches';
import { deleteSavedSearch, savedSearchesOf } from '../db/saved-searches';
import { servedOverTls } from '../env';
import { notFound } from '../errors';
import { pageLanguage } from '../i18n';
import { presentSavedSearch, savedSearchSchema } from '../presenters/saved-search';
import { savedSearchBody } from '../schemas/saved-searches';

export const savedSearchRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/saved-searches',
    auth: 'user',
    operationId: 'saveSearch',
    summary: 'Save a search (at most 20)',
    description: 'New organizations or programmes that match it are mailed weekly or monthly, in its language.',
    tags: ['Saved searches'],
    body: savedSearchBody,
    responses: { 201: json('Saved', savedSearchSchema), 409: problem('Already 20 saved searches') },
    handler: async ({ ctx, req, res, user, body }) => {
      const lang = body.lang ?? pageLanguage(req, res, servedOverTls(ctx.env));
      const saved = await saveSearch(ctx, { user, name: body.name, frequency: body.frequency, query: body.query, lang });
      return reply(201, presentSavedSearch(saved));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/saved-searches',
    auth: 'user',
    operationId: 'listSavedSearches',
    summary: 'Your saved searches, oldest first',
    tags: ['Saved searches'],
    responses: { 200: json('Saved searches', z.object({ items: z.array(savedSearchSchema) })) },
    handler: async ({ ctx, user }) => ok({ items: (await savedSearchesOf(ctx.database.db, user.id)).map(presentSavedSearch) }),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/saved-searches/{id}',
    auth: 'user',
    operationId: 'deleteSavedSearch',
    summary: 'Delete one of your saved searches',
    description: "Someone else's saved search is as good as unknown (404).",
    tags: ['Saved searches'],
    params: idParams,
    responses: { 204: empty('Deleted'), 404: problem('No saved search of yours has this id') },
    handler: async ({ ctx, user, params }) => {
      if (!(await deleteSavedSearch(ctx.database.db, user.id, params.id))) throw notFound('saved search');
      return noContent();
    },
  }),
];
