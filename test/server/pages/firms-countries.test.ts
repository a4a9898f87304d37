import { firmsSite, jsonLdOf } from './firms-data';
import { definition, hrefOf, links, read, textIn, type Read } from './reader';

const site = firmsSite();

const get = (path: string, lang?: string) => site.get(path, lang);
const page = async (path: string, lang?: string) => read((await get(path, lang)).text);
/** Where the links of the section under the heading with this id go. */
const hrefsIn = ($: Read, id: string) => links($, `section[aria-labelledby="${id}"]`).map((l) => l.href);

describe('When a firm opens a country page', () => {
  it('then it sees the country, its region and status, who is based there, and which programmes reach it or start from it', async () => {
    const res = await get('/countries/GH');
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect(textIn($, 'h1')).toBe('Ghana');
    expect(definition($, 'Region')).toBe('Africa, Sub-Saharan Africa, Western Africa');
    expect(links($, 'dd:has(a[href^="/search?region="])')).toEqual([
      { text: 'Africa', href: '/search?region=002' },
      { text: 'Sub-Saharan Africa', href: '/search?region=202' },
      { text: 'Western Africa', href: '/search?region=011' },
    ]);
    expect(definition($, 'Development status (UNCTAD)')).toBe('Developing economy');
    expect(definition($, 'Groups')).toBeUndefined();
    expect(textIn($, 'main')).not.toContain('Least developed country (LDC)');
    expect(textIn($, '#country-organizations')).toBe('Intermediaries based here (2)');
    expect(hrefsIn($, 'country-organizations')).toEqual(expect.arrayContaining([`/organizations/${site.d.gipc}`, `/organizations/${site.d.empretec}`]));
    const reaching = hrefsIn($, 'country-reaching');
    expect(reaching).toEqual(expect.arrayContaining([`/programmes/${site.d.northSouth}`, `/programmes/${site.d.triangular}`]));
    expect(reaching).not.toContain(`/programmes/${site.d.southSouth}`);
    const starting = hrefsIn($, 'country-starting');
    expect(starting).toContain(`/programmes/${site.d.southSouth}`);
    expect(starting).not.toContain(`/programmes/${site.d.northSouth}`);
    expect(hrefOf($, 'Search all entries for this country')).toBe('/search?country=GH');
    expect(jsonLdOf(res.text)).toMatchObject({ '@type': 'Country', name: 'Ghana', identifier: 'GH', containedInPlace: { name: 'Africa' } });
  });

  it('then a least developed country says so, with a link to entries reaching any of them', async () => {
    const $ = await page('/countries/TG');
    expect(definition($, 'Groups')).toBe('Least developed country (LDC)');
    expect(hrefOf($, 'Entries reaching any least developed country')).toBe('/search?ldc=true');
  });

  it('then in French and Spanish the name, region and status are in the language', async () => {
    const fr = await page('/countries/DE', 'fr');
    expect(textIn(fr, 'h1')).toBe('Allemagne');
    expect(definition(fr, 'Statut de développement (CNUCED)')).toBe('Économie développée');
    expect(links(fr, 'dd').map((l) => l.text)).toContain('Europe');
    expect(links(fr, 'section[aria-labelledby="country-starting"]').map((l) => l.text)).toContain('German-Ghanaian Joint Ventures');
    const es = await page('/countries/DE', 'es');
    expect(textIn(es, 'h1')).toBe('Alemania');
    expect(textIn(es, '#country-starting')).toMatch(/^Programas que parten de este país/);
  });

  it('then a code in lower case redirects to the upper-case address, keeping the query', async () => {
    const res = await get('/countries/gh?lang=fr');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/countries/GH?lang=fr');
  });

  it.each(['/countries/ZZ', '/countries/GHA', '/countries/1'])('then an unknown code (%s) is the 404 page', async (path) => {
    const res = await get(path, 'es');
    expect(res.status).toBe(404);
    expect(textIn(read(res.text), 'h1')).toBe('Página no encontrada');
  });

  it('then organization and programme pages link their countries here', async () => {
    expect(hrefOf(await page(`/organizations/${site.d.kenya}`), 'Kenya', 'main')).toBe('/countries/KE');
    expect(hrefOf(await page(`/programmes/${site.d.southSouth}`), "Côte d'Ivoire", 'main')).toBe('/countries/CI');
  });
});
