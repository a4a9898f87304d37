import request from 'supertest';
import { catalogs, en } from '../../../server/i18n/messages';
import { makeOrganization, makeProgramme } from '../../factories';
import { sql } from 'drizzle-orm';
import { signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
let id: string;
let programme: string;
beforeAll(async () => {
  t = await testApp();
  id = await makeOrganization(t.ctx, { name: 'Agence Côte d’Ivoire Export', country: 'CI', kind: 'investment-promotion-agency', services: ['partner-search'], sectors: ['C'] });
  programme = await makeProgramme(t.ctx, { name: 'Ghana–Côte d’Ivoire cocoa linkages', originCountries: ['GH'], targetCountries: ['CI'], partnershipTypes: ['supplier-linkage'] }, [id]);
});
afterAll(() => t.close());

const lang = (text: string) => /<html lang="(\w+)">/.exec(text)?.[1];

describe('When a reader comes with a language', () => {
  it.each([
    ['fr-FR,fr;q=0.9,en;q=0.5', 'fr', 'Trouver un intermédiaire pour votre partenariat', 'Rechercher'],
    ['es-419,es;q=0.9', 'es', 'Encuentre un intermediario para su asociación', 'Buscar'],
    ['de-DE,de;q=0.9', 'en', 'Find an intermediary for your partnership', 'Search'],
  ])('then Accept-Language %s gives the home page in %s', async (header, expected, heading, button) => {
    const res = await request(t.app).get('/').set('Accept-Language', header);
    expect(lang(res.text)).toBe(expected);
    expect(res.text).toContain(heading);
    expect(res.text).toContain(`<button type="submit">${button}</button>`);
  });

  it('then country names and labels follow the language', async () => {
    const res = await request(t.app).get(`/organizations/${id}`).set('Accept-Language', 'es');
    expect(res.text).toContain('<dt>País</dt><dd><a href="/countries/CI">Côte d&#39;Ivoire</a></dd>');
    const fr = await request(t.app).get(`/organizations/${id}?lang=fr`);
    expect(fr.text).toContain('<dt>Pays</dt>');
  });

  it('then kinds, services, sectors, directions and partnership types are named in the language', async () => {
    const org = (await request(t.app).get(`/organizations/${id}?lang=fr`)).text;
    expect(org).toContain('<dd>Agence de promotion des investissements</dd>');
    expect(org).toContain('<dd>Recherche de partenaires</dd>');
    expect(org).toContain('<dd>C Activités de fabrication</dd>');
    const prog = (await request(t.app).get(`/programmes/${programme}?lang=es`)).text;
    expect(prog).toContain('<dd>Sur-Sur</dd>');
    expect(prog).toContain('<dd>Vinculación con proveedores</dd>');
  });

  it('then a choice made with ?lang= sticks over Accept-Language', async () => {
    const agent = request.agent(t.app);
    const chosen = await agent.get('/?lang=es').set('Accept-Language', 'fr');
    expect(lang(chosen.text)).toBe('es');
    expect(chosen.headers['set-cookie']?.[0]).toMatch(/^lang=es;.*HttpOnly/);
    const later = await agent.get('/search?q=agence').set('Accept-Language', 'fr');
    expect(lang(later.text)).toBe('es');
    expect(later.text).toContain('Intermediarios (1)');
  });

  it('then the language switch keeps the page\'s search and filters', async () => {
    const res = await request(t.app).get('/search?q=agence&country=CI').set('Accept-Language', 'en');
    expect(res.text).toContain('href="?q=agence&amp;country=CI&amp;lang=fr"');
    const switched = await request(t.app).get('/search?q=agence&country=CI&lang=fr');
    expect(lang(switched.text)).toBe('fr');
    expect(switched.text).toContain('Agence Côte d’Ivoire Export');
  });

  it('then an unknown page is a helpful 404 in the reader\'s language', async () => {
    const res = await request(t.app).get('/nowhere').set('Accept-Language', 'fr').set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(lang(res.text)).toBe('fr');
    expect(res.text).toContain('<h1>Page introuvable</h1>');
    expect(res.text).toContain('href="/search"');
  });
});

describe('When the catalogs are put together', () => {
  it('then no word is defined by two parts of the site, so none silently replaces another', () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const [part, catalog] of Object.entries(catalogs)) {
      for (const key of Object.keys(catalog.en)) {
        const owner = owners.get(key);
        if (owner) clashes.push(`${key} (${owner} and ${part})`);
        owners.set(key, part);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('When a page cannot be shown', () => {
  it('then a refused page is a 403 page in the reader\'s language', async () => {
    const { agent } = await signedIn(t, ['firm']);
    const res = await agent.get('/console').set('Accept-Language', 'fr').set('Accept', 'text/html');
    expect(res.status).toBe(403);
    expect(lang(res.text)).toBe('fr');
    expect(res.text).toContain('<h1>Accès refusé</h1>');
  });

  it('then a server failure is a 500 page in the reader\'s language that tells nothing of its cause', async () => {
    const broken = await testApp();
    try {
      // A real fault inside the database, not a connection loss: the table the home page reads is gone.
      await broken.ctx.database.db.execute(sql`drop table organizations cascade`);
      const res = await request(broken.app).get('/').set('Accept-Language', 'es').set('Accept', 'text/html');
      expect(res.status).toBe(500);
      expect(lang(res.text)).toBe('es');
      expect(res.text).toContain('<h1>Algo salió mal</h1>');
      expect(res.text).not.toMatch(/organizations|relation|at \w+ \(|\.ts:\d+/);
    } finally {
      await broken.close();
    }
  });
});

describe('When a word has plural forms', () => {
  it('then every language has its `_one` and `_other` forms, and no plain word shares its base', () => {
    const keys = Object.keys(en);
    const bases = new Set(keys.flatMap((key) => /^(.+)_(zero|one|two|few|many|other)$/.exec(key)?.[1] ?? []));
    const problems = [...bases].flatMap((base) => [
      ...(keys.includes(base) ? [`${base} is also a plain word`] : []),
      ...['one', 'other'].filter((form) => !keys.includes(`${base}_${form}`)).map((form) => `${base}_${form} is missing`),
    ]);
    expect(problems).toEqual([]);
    expect(bases.size).toBeGreaterThan(0);
  });
});
