import request from 'supertest';
import { insertRun, insertSource, updateRun } from '../../../server/db/sync';
import { makeOrganization, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';

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

/** The figure of one table: its caption, bars and CSV link. */
const figure = (page: string, table: string) => new RegExp(`<figure class="stats-chart" id="${table}"[^>]*>([\\s\\S]*?)</figure>`).exec(page)?.[1] ?? '';
const jsonLd = (page: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '{}') as Record<string, unknown>;

describe('When a reader opens /progress in French', () => {
  it('then every chart is a captioned figure in French, with names in French, numbers as text and its CSV link', async () => {
    const res = await request(t.app).get('/progress').set('Accept-Language', 'fr-FR,fr;q=0.9');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('<h1>Progrès dans la recherche de partenaires</h1>');

    const direction = figure(res.text, 'programmesByDirection');
    expect(direction).toContain('<h2>Programmes de partenariat par orientation</h2>');
    expect(direction).toMatch(/<li class="bar-row"><span>Nord-Sud<\/span><span class="bar" style="width:100%" aria-hidden="true"><\/span><span class="n">1<\/span><\/li>/);
    expect(direction).toContain('href="/api/v1/stats.csv?table=programmesByDirection"');

    const countries = figure(res.text, 'organizationsByCountry');
    expect(countries).toMatch(/<span>Allemagne<\/span>.*<span class="n">2<\/span>/);
    expect(countries).toMatch(/<span>Bénin<\/span>.*<span class="n">1<\/span>/);
    expect(countries).not.toContain('Sénégal');

    expect(figure(res.text, 'organizationsByRegion')).toMatch(/<span>Europe<\/span>.*<span class="n">2<\/span>.*<span>Afrique<\/span>.*<span class="n">1<\/span>/s);
    expect(figure(res.text, 'programmesByRegion')).toContain('<span>Afrique</span>');
    const ldc = figure(res.text, 'organizationsByLdc');
    expect(ldc).toMatch(/Établis dans un pays moins avancé<\/span>.*<span class="n">1<\/span>/);
    expect(ldc).toMatch(/Établis dans un autre pays<\/span>.*<span class="n">2<\/span>/);
  });

  it('then the sync health table names each source and its last run, with a CSV link', async () => {
    const res = await request(t.app).get('/progress?lang=fr');
    const sources = /<section aria-labelledby="sources-heading">([\s\S]*?)<\/section>/.exec(res.text)?.[1] ?? '';
    expect(sources).toContain('<th scope="row">Réseau Empretec</th><td>Empretec (CNUCED)</td><td>oui</td><td>échouée, ');
    expect(sources).toContain('href="/api/v1/stats.csv?table=sources"');
    expect(res.text).toContain('Demandes de mise en relation');
  });

  it('then the page describes itself as a Dataset with its downloads', async () => {
    const res = await request(t.app).get('/progress?lang=fr');
    const ld = jsonLd(res.text);
    expect(ld).toMatchObject({ '@type': 'Dataset', name: 'Statistiques de progrès du Partnering Network', inLanguage: 'fr' });
    expect(ld.distribution).toEqual(expect.arrayContaining([expect.objectContaining({ encodingFormat: 'text/csv', contentUrl: expect.stringMatching(/\/api\/v1\/stats\.csv\?table=organizationsByLdc$/) })]));
  });
});
