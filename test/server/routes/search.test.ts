import request from 'supertest';
import { makeOrganization, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';

let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  const c = t.ctx;
  ids.cepici = await makeOrganization(c, {
    name: "Centre de Promotion des Investissements en Côte d'Ivoire",
    acronym: 'CEPICI',
    country: 'CI',
    networks: ['waipa'],
    services: ['partner-search'],
    sectors: ['C'],
  });
  ids.procolombia = await makeOrganization(c, {
    name: 'Agencia de Promoción de Exportaciones',
    acronym: 'ProColombia',
    country: 'CO',
    networks: ['waipa'],
    services: ['trade-fairs-and-missions'],
  });
  ids.empretecGhana = await makeOrganization(c, {
    name: 'Empretec Ghana Foundation',
    kind: 'entrepreneurship-centre',
    country: 'GH',
    networks: ['empretec'],
    services: ['training', 'partner-search'],
    sectors: ['A', 'C'],
  });
  ids.kenInvest = await makeOrganization(c, {
    name: 'Kenya Investment Promotion Authority',
    country: 'KE',
    description: 'Investment promotion and aftercare.',
    networks: ['waipa'],
  });
  ids.ethiopia = await makeOrganization(c, { name: 'Ethiopian Investment Commission', country: 'ET', networks: ['waipa'] });
  ids.germany = await makeOrganization(c, { name: 'Germany Trade and Invest', kind: 'development-agency', country: 'DE' });
  await makeProgramme(c, { name: 'Ghana–Côte d’Ivoire cocoa supplier linkages', originCountries: ['GH'], targetCountries: ['CI'], partnershipTypes: ['supplier-linkage'] }, [ids.empretecGhana!], ['GH']);
  await makeProgramme(c, { name: 'German–Kenyan technology licensing', originCountries: ['DE'], targetCountries: ['KE'], partnershipTypes: ['technology-licensing'] }, [ids.germany!], ['DE']);
  await makeProgramme(c, { name: 'Japan-funded Thailand–Cambodia subcontracting', originCountries: ['TH'], targetCountries: ['KH'], funderCountries: ['JP'] });
});
afterAll(() => t.close());

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name);

describe('When a firm searches organizations by text', () => {
  it.each([
    ['cote d ivoire', "Centre de Promotion des Investissements en Côte d'Ivoire"],
    ['COTE D’IVOIRE', "Centre de Promotion des Investissements en Côte d'Ivoire"],
    ['agencia', 'Agencia de Promoción de Exportaciones'],
    ['promocion exportaciones', 'Agencia de Promoción de Exportaciones'],
    ['empretec', 'Empretec Ghana Foundation'],
  ])('then "%s" finds %s regardless of accents and case', async (q, expected) => {
    const res = await request(t.app).get('/api/v1/organizations').query({ q });
    expect(res.status).toBe(200);
    expect(names(res.body)).toContain(expected);
  });

  it('then the last word matches as a prefix, so results come while typing', async () => {
    const res = await request(t.app).get('/api/v1/organizations').query({ q: 'kenya invest' });
    expect(names(res.body)).toEqual(['Kenya Investment Promotion Authority']);
    const partial = await request(t.app).get('/api/v1/organizations').query({ q: 'empre' });
    expect(names(partial.body)).toContain('Empretec Ghana Foundation');
  });

  it.each([
    ['Empretek', 'Empretec Ghana Foundation'],
    ['investmnet promotion', 'Kenya Investment Promotion Authority'],
    ['ethiopain', 'Ethiopian Investment Commission'],
  ])('then the misspelt "%s" still finds %s', async (q, expected) => {
    const res = await request(t.app).get('/api/v1/organizations').query({ q });
    expect(names(res.body)).toContain(expected);
  });

  it('then a word found nowhere gives no result rather than everything', async () => {
    const res = await request(t.app).get('/api/v1/organizations').query({ q: 'zzzqqq' });
    expect(res.body.total).toBe(0);
  });
});

describe('When a firm filters organizations', () => {
  it('then country, network, service, kind, region and LDC filters narrow the result', async () => {
    const get = async (query: Record<string, string | string[]>) => names((await request(t.app).get('/api/v1/organizations').query(query)).body).sort();
    expect(await get({ country: 'GH' })).toEqual(['Empretec Ghana Foundation']);
    expect(await get({ country: ['gh', 'CI'] })).toHaveLength(2);
    expect(await get({ network: 'empretec' })).toEqual(['Empretec Ghana Foundation']);
    expect(await get({ service: 'partner-search' })).toHaveLength(2);
    expect(await get({ kind: 'development-agency' })).toEqual(['Germany Trade and Invest']);
    expect(await get({ region: '150' })).toEqual(['Germany Trade and Invest']);
    expect(await get({ region: '002', network: 'waipa' })).toHaveLength(3);
    expect(await get({ ldc: 'true' })).toEqual(['Ethiopian Investment Commission']);
    expect(await get({ direction: 'south-south' })).toEqual(['Empretec Ghana Foundation']);
    expect(await get({ partnershipType: 'technology-licensing' })).toEqual(['Germany Trade and Invest']);
    expect(await get({ sector: 'a' })).toEqual(['Empretec Ghana Foundation']);
    expect(await get({ q: 'empretek foundation', country: 'GH' })).toEqual(['Empretec Ghana Foundation']);
    expect(await get({ q: 'promotion', country: ['KE', 'CI'] })).toEqual(["Centre de Promotion des Investissements en Côte d'Ivoire", 'Kenya Investment Promotion Authority']);
    expect(await get({ q: 'foundation', country: 'ET' })).toEqual([]);
  });

  it('then every facet lists each value of the filtered result with its exact count', async () => {
    const res = await request(t.app).get('/api/v1/organizations').query({ network: 'waipa' });
    expect(res.body.total).toBe(4);
    expect(res.body.facets.country).toEqual(
      expect.arrayContaining([
        { value: 'CI', count: 1 },
        { value: 'CO', count: 1 },
        { value: 'KE', count: 1 },
        { value: 'ET', count: 1 },
      ]),
    );
    expect(res.body.facets.country).toHaveLength(4);
    expect(res.body.facets.region).toEqual([
      { value: '002', count: 3 },
      { value: '019', count: 1 },
    ]);
    expect(res.body.facets.ldc).toEqual(expect.arrayContaining([{ value: true, count: 1 }, { value: false, count: 3 }]));
    expect(res.body.facets.kind).toEqual([{ value: 'investment-promotion-agency', count: 4 }]);
  });
});

describe('When a firm searches programmes', () => {
  it('then directions are derived and filterable, with facets', async () => {
    const res = await request(t.app).get('/api/v1/programmes');
    expect(res.body.total).toBe(3);
    expect(res.body.facets.direction).toEqual(
      expect.arrayContaining([
        { value: 'south-south', count: 1 },
        { value: 'north-south', count: 1 },
        { value: 'triangular', count: 1 },
      ]),
    );
    const ss = await request(t.app).get('/api/v1/programmes').query({ direction: 'triangular' });
    expect(names(ss.body)).toEqual(['Japan-funded Thailand–Cambodia subcontracting']);
    const byCountry = await request(t.app).get('/api/v1/programmes').query({ country: 'CI' });
    expect(names(byCountry.body)).toEqual(['Ghana–Côte d’Ivoire cocoa supplier linkages']);
    const text = await request(t.app).get('/api/v1/programmes').query({ q: 'cocoa', network: 'empretec' });
    expect(text.body.total).toBe(1);
    expect(text.body.items[0].operators).toEqual([ids.empretecGhana]);
  });
});

describe('When a firm reads one entry', () => {
  it('then it gets the organization with its provenance', async () => {
    const res = await request(t.app).get(`/api/v1/organizations/${ids.cepici}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ids.cepici, acronym: 'CEPICI', country: 'CI', provenance: [] });
  });

  it('then a malformed id is 400 and an unknown one 404, as problem+json', async () => {
    const bad = await request(t.app).get('/api/v1/organizations/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
    expect(bad.body.errors).toEqual([{ path: 'id', message: 'must be a UUID' }]);
    const unknown = await request(t.app).get('/api/v1/programmes/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, title: 'Not found' });
  });
});

describe('When an entry is added after a query was answered', () => {
  it('then the same query answers with the new entry at once (no stale cached page)', async () => {
    const query = { q: 'zanzibar', limit: '5' };
    expect((await request(t.app).get('/api/v1/organizations').query(query)).body.total).toBe(0);
    await makeOrganization(t.ctx, { name: 'Zanzibar Investment Promotion Authority', country: 'TZ' });
    const after = await request(t.app).get('/api/v1/organizations').query(query);
    expect(names(after.body)).toEqual(['Zanzibar Investment Promotion Authority']);
  });
});
