import request from 'supertest';
import { insertRun, insertSource, updateRun } from '../../../server/db/sync';
import { makeOrganization, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';
import { langOf, links, read, rows, textIn, type Read } from './reader';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  const benin = await makeOrganization(t.ctx, { country: 'BJ' });
  await makeOrganization(t.ctx, { country: 'DE' });
  await makeOrganization(t.ctx, { country: 'DE' });
  await makeOrganization(t.ctx, { country: 'SN', state: 'pending' });
  await makeProgramme(t.ctx, { originCountries: ['DE'], targetCountries: ['BJ'] }, [benin]);
  const source = await insertSource(t.ctx.database.db, { name: 'Réseau Empretec', network: 'empretec', connector: 'json', url: 'http://127.0.0.1:9/feed.json' });
  const run = await insertRun(t.ctx.database.db, source.id, 'schedule');
  await updateRun(t.ctx.database.db, run.id, { status: 'failed', startedAt: new Date(), finishedAt: new Date() });
}, 60000);
afterAll(() => t.close());

/** The bars of one table's figure, top to bottom: each one's label and the number a reader sees beside it. */
const bars = ($: Read, table: string) =>
  $(`figure.stats-chart#${table} li`)
    .toArray()
    .map((li) => [$(li).children('span').first().text(), $(li).find('.n').text()]);
/** Where the links of one table's figure go. */
const figureLinks = ($: Read, table: string) => links($, `figure.stats-chart#${table}`).map((l) => l.href);
const jsonLd = (page: string) => JSON.parse(read(page)('script[type="application/ld+json"]').text() || '{}') as Record<string, unknown>;

describe('When a reader opens /progress in French', () => {
  it('then every chart is a captioned figure in French, with names in French, numbers as text and its CSV link', async () => {
    const res = await request(t.app).get('/progress').set('Accept-Language', 'fr-FR,fr;q=0.9');
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect(langOf($)).toBe('fr');
    expect(textIn($, 'h1')).toBe('Progrès dans la recherche de partenaires');

    expect(textIn($, 'figure.stats-chart#programmesByDirection h2')).toBe('Programmes de partenariat par orientation');
    expect(bars($, 'programmesByDirection')).toContainEqual(['Nord-Sud', '1']);
    // The bar is drawn for the eye only; the number beside it is the text.
    const northSouth = $('figure.stats-chart#programmesByDirection li').filter((_, li) => $(li).children('span').first().text() === 'Nord-Sud');
    expect(northSouth.find('.bar').attr('style')).toBe('width:100%');
    expect(northSouth.find('.bar').attr('aria-hidden')).toBe('true');
    expect(figureLinks($, 'programmesByDirection')).toContain('/api/v1/stats.csv?table=programmesByDirection');

    const countries = bars($, 'organizationsByCountry');
    expect(countries).toContainEqual(['Allemagne', '2']);
    expect(countries).toContainEqual(['Bénin', '1']);
    expect(countries.map(([label]) => label)).not.toContain('Sénégal');

    const regions = bars($, 'organizationsByRegion');
    expect(regions.findIndex(([label]) => label === 'Europe')).toBeLessThan(regions.findIndex(([label]) => label === 'Afrique'));
    expect(regions).toEqual(expect.arrayContaining([['Europe', '2'], ['Afrique', '1']]));
    expect(bars($, 'programmesByRegion').map(([label]) => label)).toContain('Afrique');
    expect(bars($, 'organizationsByLdc')).toEqual(expect.arrayContaining([['Établis dans un pays moins avancé', '1'], ['Établis dans un autre pays', '2']]));
  });

  it('then the sync health table names each source and its last run, with a CSV link', async () => {
    const $ = read((await request(t.app).get('/progress?lang=fr')).text);
    const section = 'section[aria-labelledby="sources-heading"]';
    const source = rows($, `${section} table`).find((cells) => cells[0] === 'Réseau Empretec');
    expect(source?.slice(1, 3)).toEqual(['Empretec (CNUCED)', 'oui']);
    expect(source?.[3]).toMatch(/^échouée, /);
    expect($(`${section} th[scope=row]`).map((_, th) => $(th).text()).get()).toContain('Réseau Empretec');
    expect(links($, section).map((l) => l.href)).toContain('/api/v1/stats.csv?table=sources');
    expect(textIn($, 'main')).toContain('Demandes de mise en relation');
  });

  it('then the page describes itself as a Dataset with its downloads', async () => {
    const res = await request(t.app).get('/progress?lang=fr');
    const ld = jsonLd(res.text);
    expect(ld).toMatchObject({ '@type': 'Dataset', name: 'Statistiques de progrès du Partnering Network', inLanguage: 'fr' });
    expect(ld.distribution).toEqual(expect.arrayContaining([expect.objectContaining({ encodingFormat: 'text/csv', contentUrl: expect.stringMatching(/\/api\/v1\/stats\.csv\?table=organizationsByLdc$/) })]));
  });
});
