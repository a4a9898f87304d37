import { firmsSite, jsonLdOf } from './firms-data';

const site = firmsSite();

const get = (path: string, lang?: string) => site.get(path, lang);
/** The text of the section under the heading with this id. */
const section = (page: string, id: string) => new RegExp(`<section aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(page)?.[1] ?? '';

describe('When a firm opens a country page', () => {
  it('then it sees the country, its region and status, who is based there, and which programmes reach it or start from it', async () => {
    const res = await get('/countries/GH');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Ghana</h1>');
    expect(res.text).toContain('<a href="/search?region=002">Africa</a>, <a href="/search?region=202">Sub-Saharan Africa</a>');
    expect(res.text).toContain('<dd>Developing economy</dd>');
    expect(res.text).not.toContain('Least developed country (LDC)');
    const based = section(res.text, 'country-organizations');
    expect(based).toContain('Intermediaries based here (2)');
    expect(based).toContain(`href="/organizations/${site.d.gipc}"`);
    expect(based).toContain(`href="/organizations/${site.d.empretec}"`);
    const reaching = section(res.text, 'country-reaching');
    expect(reaching).toContain(`href="/programmes/${site.d.northSouth}"`);
    expect(reaching).toContain(`href="/programmes/${site.d.triangular}"`);
    expect(reaching).not.toContain(`href="/programmes/${site.d.southSouth}"`);
    const starting = section(res.text, 'country-starting');
    expect(starting).toContain(`href="/programmes/${site.d.southSouth}"`);
    expect(starting).not.toContain(`href="/programmes/${site.d.northSouth}"`);
    expect(res.text).toContain('<a href="/search?country=GH">Search all entries for this country</a>');
    expect(jsonLdOf(res.text)).toMatchObject({ '@type': 'Country', name: 'Ghana', identifier: 'GH', containedInPlace: { name: 'Africa' } });
  });

  it('then a least developed country says so, with a link to entries reaching any of them', async () => {
    const res = await get('/countries/TG');
    expect(res.text).toContain('<dt>Groups</dt><dd>Least developed country (LDC)</dd>');
    expect(res.text).toContain('<a href="/search?ldc=true">Entries reaching any least developed country</a>');
  });

  it('then in French and Spanish the name, region and status are in the language', async () => {
    const fr = await get('/countries/DE', 'fr');
    expect(fr.text).toContain('<h1>Allemagne</h1>');
    expect(fr.text).toContain('<dd>Économie développée</dd>');
    expect(fr.text).toContain('>Europe</a>');
    expect(section(fr.text, 'country-starting')).toContain('German-Ghanaian Joint Ventures');
    const es = await get('/countries/DE', 'es');
    expect(es.text).toContain('<h1>Alemania</h1>');
    expect(es.text).toContain('Programas que parten de este país');
  });

  it('then a code in lower case redirects to the upper-case address, keeping the query', async () => {
    const res = await get('/countries/gh?lang=fr');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/countries/GH?lang=fr');
  });

  it.each(['/countries/ZZ', '/countries/GHA', '/countries/1'])('then an unknown code (%s) is the 404 page', async (path) => {
    const res = await get(path, 'es');
    expect(res.status).toBe(404);
    expect(res.text).toContain('<h1>Página no encontrada</h1>');
  });

  it('then organization and programme pages link their countries here', async () => {
    const org = await get(`/organizations/${site.d.kenya}`);
    expect(org.text).toContain('<a href="/countries/KE">Kenya</a>');
    const prog = await get(`/programmes/${site.d.southSouth}`);
    expect(prog.text).toContain('<a href="/countries/CI">Côte d&#39;Ivoire</a>');
  });
});
