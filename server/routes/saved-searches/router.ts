/** A signed-in user's saved searches: save, list and delete one's own (someone else's id answers 404). */
import { Router } from 'express';
import type { AppContext } from '../../context';
import { servedOverTls } from '../../env';
import { requireUser } from '../../auth/middleware';
import type { CurrentUser } from '../../auth/roles';
import { saveSearch } from '../../commands/saved-searches';
import { deleteSavedSearch, savedSearchesOf } from '../../db/saved-searches';
import { notFound } from '../../errors';
import { pageLanguage } from '../../i18n';
import { presentSavedSearch } from '../../presenters/saved-search';
import { idParam, parse } from '../../schemas/validate';
import { savedSearchBody } from '../../schemas/saved-searches';

export function savedSearchesRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);

  router.post('/', async (req, res) => {
    const body = parse(savedSearchBody, req.body ?? {});
    const saved = await saveSearch(ctx, { user: req.user as CurrentUser, name: body.name, frequency: body.frequency, query: body.query, lang: body.lang ?? pageLanguage(req, res, servedOverTls(ctx.env)) });
    res.status(201).json(presentSavedSearch(saved));
  });

  router.get('/', async (req, res) => {
    const rows = await savedSearchesOf(ctx.database.db, (req.user as CurrentUser).id);
    res.json({ items: rows.map(presentSavedSearch) });
  });

  router.delete('/:id', async (req, res) => {
    const id = idParam(req.params.id);
    if (!(await deleteSavedSearch(ctx.database.db, (req.user as CurrentUser).id, id))) throw notFound('saved search');
    res.status(204).end();
  });
  return router;
}
