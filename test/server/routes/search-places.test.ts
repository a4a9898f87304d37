import request from 'supertest';
import { makeOrganization, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';

let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  const c = t.ctx;
  ids.cepici = await makeOrganization(c, { name: "Centre de Promotion des Investissements en Côte d'Ivoire", acronym: 'CEPICI', country: 'CI' });
  ids.cocoa = await makeOrganization(c, { name: 'West African Cocoa Traders', kind: 'business-association', country: 'GH', description: "Buyers of cocoa grown in Côte d'Ivoire and Ghana." });
  ids.empretec = await makeOrganization(c, { name: 'Empretec Ghana Foundation', kind: 'entrepreneurship-centre', country: 'GH', networks: ['empretec'] });
  ids.kenya = await makeOrganization(c, { name: 'Kenya Investment Promotion Authority', country: 'KE', description: 'Investment promotion and aftercare.' });
  ids.ethiopia = await makeOrganization(c, { name: 'Ethiopian Investment Commission', country: 'ET' });
  ids.germany = await makeOrganization(c, { name: 'Germany Trade and Invest', kind: 'development-agency', country: 'DE' });
  await makeProgramme(c, { name: 'German–Kenyan technology licensing', originCountries: ['DE'], targetCountries: ['KE'], partnershipTypes: ['technology-licensing'] }, [ids.germany!], ['DE']);
  await makeProgramme(c, { name: 'Japan-funded Thailand–Cambodia subcontracting', originCountries: ['TH'], targetCountries: ['KH'], funderCountries: ['JP'] });
});
afterAll(() => t.close());

type ListBody = { items: { name: string }[]; total: number; facets: Record<string, unknown>; understood: { places: { type: string; code: string }[]; corrected: string | null; match: string; leftOut: string[] } | null };
const list = async (path: string, query: Record<string, string>): Promise<ListBody> => {
  const res = await request(t.app).get(`/api/v1/${path}`).query(query);
  expect(res.status).toBe(200);
  return res.body as ListBody;
};
const names = (body: ListBody) => body.items.map((i) => i.name);

describe('When a firm names a country in its own language', () => {
  it('then "kenia" finds the entries based in or working in Kenya, and says it read Kenya', async () => {
    const orgs = await list('organizations', { q: 'kenia' });
    expect(names(orgs)).toEqual(['Kenya Investment Promotion Authority']);
    expect(orgs.understood).toEqual({ places: [{ type: 'country', code: 'KE' }], corrected: null, match: 'all', leftOut: [] });
    // The programme's text says "Kenyan", never "Kenya": it is found because it reaches Kenya.
    expect(names(await list('programmes', { q: 'kenia' }))).toEqual(['German–Kenyan technology licensing']);
  });

  it('then entries based there come before entries that only mention it', async () => {
    expect(names(await list('organizations', { q: 'ivory coast' }))).toEqual(["Centre de Promotion des Investissements en Côte d'Ivoire", 'West African Cocoa Traders']);
    expect(names(await list('organizations', { q: 'Côte d’Ivoire' }))).toEqual(["Centre de Promotion des Investissements en Côte d'Ivoire", 'West African Cocoa Traders']);
  });

  it('then the other words still narrow: "investment éthiopie" is the Ethiopian commission alone', async () => {
    expect(names(await list('organizations', { q: 'investment éthiopie' }))).toEqual(['Ethiopian Investment Commission']);
  });

  it('then a region is a place too: "Afrique de l’Ouest" lists the entries based in West Africa', async () => {
    const orgs = await list('organizations', { q: 'Afrique de l’Ouest' });
    expect(names(orgs).sort()).toEqual(['Centre de Promotion des Investissements en Côte d\'Ivoire', 'Empretec Ghana Foundation', 'West African Cocoa Traders']);
    expect(orgs.understood?.places).toEqual([{ type: 'region', code: '011' }]);
  });

  it('then a slip in the name is read and shown as the name it was read as', async () => {
    const orgs = await list('organizations', { q: 'ugnada' });
    expect(orgs.understood?.places).toEqual([{ type: 'country', code: 'UG' }]);
    expect(orgs.understood?.corrected).toBe('uganda');
    const kenya = await list('organizations', { q: 'investment kenay' });
    expect(names(kenya)).toEqual(['Kenya Investment Promotion Authority']);
    expect(kenya.understood?.corrected).toBe('investment kenya');
  });

  it('then a word being typed is not read as a slip: "ghan", on the way to "ghana", searches as the start of a word', async () => {
    const orgs = await list('organizations', { q: 'ghan' });
    expect(orgs.understood?.places).toEqual([]);
    expect(names(orgs)).toContain('Empretec Ghana Foundation');
  });

  it('then places=none reads every word as a word', async () => {
    const orgs = await list('organizations', { q: 'kenia', places: 'none' });
    expect(orgs.total).toBe(0);
    expect(orgs.understood).toEqual({ places: [], corrected: null, match: 'all', leftOut: [] });
  });

  it('then a value of places other than auto or none is refused with the parameter named', async () => {
    const res = await request(t.app).get('/api/v1/organizations').query({ q: 'kenia', places: 'maybe' });
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([{ path: 'places', message: 'expected auto or none' }]);
  });
});

describe('When a firm types stop words', () => {
  it('then they ask nothing of the entries, even as the word being typed', async () => {
    const plain = names(await list('organizations', { q: 'empretec' }));
    expect(plain).toEqual(['Empretec Ghana Foundation']);
    expect(names(await list('organizations', { q: 'the empretec' }))).toEqual(plain);
    expect(names(await list('organizations', { q: 'empretec de' }))).toEqual(plain);
    expect(names(await list('organizations', { q: 'empretec y la' }))).toEqual(plain);
  });

  it('then a search of stop words alone still searches them', async () => {
    expect((await list('organizations', { q: 'des' })).total).toBeGreaterThan(0);
  });
});

describe('When no entry holds every word', () => {
  it('then words are left out from the last typed until entries hold the rest, and the answer names them', async () => {
    const orgs = await list('organizations', { q: 'investment promotion aftercare chocolate' });
    expect(names(orgs)).toEqual(['Kenya Investment Promotion Authority']);
    expect(orgs.understood).toMatchObject({ match: 'some', leftOut: ['chocolate'] });
    const two = await list('organizations', { q: 'investment cocoa chocolate' });
    expect(two.understood?.leftOut).toEqual(['cocoa', 'chocolate']);
    expect(names(two)).toContain('Ethiopian Investment Commission');
  });

  it('then a place named is never left out: its entries are listed without the words', async () => {
    const orgs = await list('organizations', { q: 'empretec kenya' });
    expect(orgs.understood).toMatchObject({ places: [{ type: 'country', code: 'KE' }], match: 'some', leftOut: ['empretec'] });
    expect(names(orgs)).toEqual(['Kenya Investment Promotion Authority']);
  });

  it('then one word alone is not widened: it finds nothing', async () => {
    const orgs = await list('organizations', { q: 'zzyzx' });
    expect(orgs.total).toBe(0);
    expect(orgs.understood?.match).toBe('all');
  });

  it('then, when leaving words out finds nothing either, none is said to be left out', async () => {
    const orgs = await list('organizations', { q: 'zzyzx qqxqq' });
    expect(orgs.total).toBe(0);
    expect(orgs.understood).toMatchObject({ match: 'all', leftOut: [] });
  });

  it('then without words there is nothing to understand', async () => {
    expect((await list('organizations', {})).understood).toBeNull();
  });
});

describe('When a firm pages through the entries of a place', () => {
  it('then every entry comes once, those based there on the first pages and those mentioning it after', async () => {
    const based = [];
    for (const n of [1, 2, 3, 4, 5]) based.push(await makeOrganization(t.ctx, { name: `Kigali Desk ${n}`, country: 'RW' }));
    const mentioning = [
      await makeOrganization(t.ctx, { name: 'Great Lakes Traders', country: 'UG', description: 'Buyers in Rwanda and Burundi.' }),
      await makeOrganization(t.ctx, { name: 'Lake Kivu Growers', country: 'CD', description: 'Sells coffee to Rwanda.' }),
    ];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(t.app).get('/api/v1/organizations').query({ q: 'ruanda', limit: '2', ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...(res.body.items as { id: string }[]).map((i) => i.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen.slice(0, 5))).toEqual(new Set(based));
    expect(new Set(seen.slice(5))).toEqual(new Set(mentioning));
  });
});

describe('When a typeahead asks for entries without facet counts', () => {
  it('then facets=none gives the same entries and total with an empty facets object', async () => {
    const full = await list('organizations', { q: 'investment', limit: '2' });
    const bare = await list('organizations', { q: 'investment', limit: '2', facets: 'none' });
    expect(Object.keys(full.facets).length).toBeGreaterThan(0);
    expect(bare.facets).toEqual({});
    expect(names(bare)).toEqual(names(full));
    expect(bare.total).toBe(full.total);
  });

  it('then another value of facets is refused with the parameter named', async () => {
    const res = await request(t.app).get('/api/v1/organizations').query({ facets: 'some' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'facets', message: 'expected all or none' }]);
  });
});
