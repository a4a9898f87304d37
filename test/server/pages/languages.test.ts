import request from 'supertest';
import { catalogs, en } from '../../../server/i18n/messages';
import { makeOrganization, makeProgramme } from '../../factories';
import { sql } from 'drizzle-orm';
import { signedIn, testApp, type TestApp } from '../../support';
import { definition, hrefOf, hrefs, langOf, links, read, textIn, textsOf } from './reader';

let t: TestApp;
let id: string;
let programme: string;
beforeAll(async () => {
  t = await testApp();
  id = await makeOrganization(t.ctx, { name: 'Agence Côte d’Ivoire Export', country: 'CI', kind: 'investment-promotion-agency', services: ['partner-search'], sectors: ['C'] });
  programme = await makeProgramme(t.ctx, { name: 'Ghana–Côte d’Ivoire cocoa linkages', originCountries: ['GH'], targetCountries: ['CI'], partnershipTypes: ['supplier-linkage'] }, [id]);
});
afterAll(() => t.close());

const lang = (text: string) => langOf(read(text));

describe('When a reader comes with a language', () => {
  it.each([
    ['fr-FR,fr;q=0.9,en;q=0.5', 'fr', 'Trouver un intermédiaire pour votre partenariat', 'Rechercher'],
    ['es-419,es;q=0.9', 'es', 'Encuentre un intermediario para su asociación', 'Buscar'],
    ['de-DE,de;q=0.9', 'en', 'Find an intermediary for your partnership', 'Search'],
  ])('then Accept-Language %s gives the home page in %s', async (header, expected, heading, button) => {
    const res = await request(t.app).get('/').set('Accept-Language', header);
    const $ = read(res.text);
    expect(langOf($)).toBe(expected);
    expect(textIn($, 'main')).toContain(heading);
    expect(textsOf($, 'button[type="submit"]')).toContain(button);
  });

  it('then country names and labels follow the language', async () => {
    const res = await request(t.app).get(`/organizations/${id}`).set('Accept-Language', 'es');
    const $ = read(res.text);
    expect(definition($, 'País')).toBe("Côte d'Ivoire");
    expect(hrefOf($, "Côte d'Ivoire", 'dd')).toBe('/countries/CI');
    const fr = await request(t.app).get(`/organizations/${id}?lang=fr`);
    expect(definition(read(fr.text), 'Pays')).toBe("Côte d'Ivoire");
  });

  it('then kinds, services, sectors, directions and partnership types are named in the language', async () => {
    const org = textsOf(read((await request(t.app).get(`/organizations/${id}?lang=fr`)).text), 'dd');
    expect(org).toEqual(expect.arrayContaining(['Agence de promotion des investissements', 'Recherche de partenaires', 'C Activités de fabrication']));
    const prog = textsOf(read((await request(t.app).get(`/programmes/${programme}?lang=es`)).text), 'dd');
    expect(prog).toEqual(expect.arrayContaining(['Sur-Sur', 'Vinculación con proveedores']));
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
    expect(hrefs(read(res.text))).toContain('?q=agence&country=CI&lang=fr');
    const switched = await request(t.app).get('/search?q=agence&country=CI&lang=fr');
    expect(lang(switched.text)).toBe('fr');
    expect(switched.text).toContain('Agence Côte d’Ivoire Export');
  });

  it('then an unknown page is a helpful 404 in the reader\'s language', async () => {
    const res = await request(t.app).get('/nowhere').set('Accept-Language', 'fr').set('Accept', 'text/html');
    expect(res.status).toBe(404);
    const $ = read(res.text);
    expect(langOf($)).toBe('fr');
    expect(textIn($, 'h1')).toBe('Page introuvable');
    expect(links($, 'main').map((l) => l.href)).toContain('/search');
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
    expect(textIn(read(res.text), 'h1')).toBe('Accès refusé');
  });

  it('then a server failure is a 500 page in the reader\'s language that tells nothing of its cause', async () => {
    const broken = await testApp();
    try {
      // A real fault inside the database, not a connection loss: the table the home page reads is gone.
      await broken.ctx.database.db.execute(sql`drop table organizations cascade`);
      const res = await request(broken.app).get('/').set('Accept-Language', 'es').set('Accept', 'text/html');
      expect(res.status).toBe(500);
      expect(lang(res.text)).toBe('es');
      expect(textIn(read(res.text), 'h1')).toBe('Algo salió mal');
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
