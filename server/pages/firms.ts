/** Firms' pages: home, search, organization, programme, case, country and embed. Readable without JavaScript and crawlable. */
import { Router } from 'express';
import type { AppContext } from '../context';
import { countryPage } from './firms/country';
import { embedPage, framableAnywhere } from './firms/embed';
import { casePage, organizationPage, programmePage } from './firms/entries';
import { homePage } from './firms/home';
import { searchPage } from './firms/search';

export function firmsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/', homePage(ctx));
  router.get('/search', searchPage(ctx));
  router.get('/organizations/:id', organizationPage(ctx));
  router.get('/programmes/:id', programmePage(ctx));
  router.get('/cases/:id', casePage(ctx));
  router.get('/countries/:alpha2', countryPage(ctx));
  router.get('/embed', framableAnywhere, embedPage(ctx));
  return router;
}
