import request from 'supertest';
import { matchSite, ugandanNeed } from './matchmaking-data';

const site = matchSite();

interface Fit {
  id: string;
  name: string;
  country: string | null;
  score: number;
  reasons: Array<{ code: string; text?: string }>;
}
interface Result {
  organizations: Fit[];
  programmes: Fit[];
}

const ask = async (body: object) => {
  const res = await request(site.t.app).post('/api/v1/recommendations').send(body);
  expect(res.status).toBe(200);
  return res.body as Result;
};
const codes = (fit: Fit | undefined) => fit?.reasons.map((r) => r.code);
const find = (list: Fit[], id: string) => list.find((f) => f.id === id);

describe('When a small Ugandan manufacturer seeks a German joint-venture partner', () => {
  it('then the best fits come first, with their scores and reasons', async () => {
    const found = await ask(ugandanNeed);
    expect(found.organizations.map((o) => [o.id, o.score])).toEqual([
      [site.d.kampala, 72],
      [site.d.berlin, 40],
      [site.d.entebbeOld, 20],
    ]);
    expect(found.organizations[0]).toMatchObject({ name: 'Kampala Partnering Centre', country: 'UG' });
    expect(codes(found.organizations[0])).toEqual(['firm-country', 'sector', 'partnership-type', 'services', 'ldc-focus', 'active', 'recently-confirmed']);
    expect(found.organizations[0]?.reasons[0]?.text).toBe('Works in Uganda, your country.');
    expect(found.organizations[0]?.reasons.map((r) => r.text).slice(1, 4)).toEqual(['Works in your sector: Manufacturing.', 'Supports the kind of partnership you seek: Joint venture.', 'Offers partner search and follow-up until the deal.']);
    expect(codes(found.organizations[1])).toEqual(['partner-country', 'sector', 'language', 'active', 'recently-confirmed']);

    expect(found.programmes.map((p) => [p.id, p.score])).toEqual([
      [site.d.jointVenture, 84],
      [site.d.kenyaSuppliers, 30],
    ]);
    expect(found.programmes[0]).toMatchObject({ country: null });
    expect(codes(found.programmes[0])).toEqual(['firm-country', 'partner-country', 'sector', 'partnership-type', 'services', 'ldc-focus', 'firm-size', 'active', 'recently-confirmed']);
    // A programme targets LDCs itself; an organization does through its programmes.
    const ldcText = (r: { reasons: { code: string; text?: string }[] } | undefined) => r?.reasons.find((x) => x.code === 'ldc-focus')?.text;
    expect(ldcText(found.programmes[0])).toBe('It targets least developed countries, like yours.');
    expect(ldcText(found.organizations[0])).toBe('Its programmes target least developed countries, like yours.');
  });

  it('then entries outside its countries and sector, withdrawn, pending, deleted or closed are left out', async () => {
    const found = await ask(ugandanNeed);
    const ids = [...found.organizations, ...found.programmes].map((f) => f.id);
    for (const left of [site.d.nairobi, site.d.withdrawn, site.d.pending, site.d.deleted, site.d.closed, site.d.withdrawnProgramme]) expect(ids).not.toContain(left);
  });

  it('then limit keeps only the best', async () => {
    const found = await ask({ ...ugandanNeed, limit: 1 });
    expect(found.organizations.map((o) => o.id)).toEqual([site.d.kampala]);
    expect(found.programmes.map((p) => p.id)).toEqual([site.d.jointVenture]);
  });

  it('then the reasons are written in the language the request accepts', async () => {
    const res = await request(site.t.app).post('/api/v1/recommendations').set('Accept-Language', 'es').send(ugandanNeed);
    expect((res.body as Result).organizations[0]?.reasons[0]?.text).toBe('Trabaja en su país, Uganda.');
  });
});

describe('When the firm is not in a least developed country', () => {
  it('then no entry earns the LDC focus, and its own country counts no more', async () => {
    const found = await ask({ ...ugandanNeed, country: 'KE' });
    const kampala = find(found.organizations, site.d.kampala);
    expect(kampala?.score).toBe(72 - 20 - 10);
    expect(codes(kampala)).not.toContain('ldc-focus');
    expect(codes(find(found.programmes, site.d.jointVenture))).not.toContain('ldc-focus');
    expect(codes(find(found.programmes, site.d.kenyaSuppliers))).toContain('firm-country');
  });
});

describe('When the firm names the languages it works in', () => {
  it('then entries working in them gain the language points, through operators for programmes', async () => {
    const none = await ask({ ...ugandanNeed, languages: [] });
    const french = await ask(ugandanNeed);
    const english = await ask({ ...ugandanNeed, languages: ['EN'] });
    expect(find(none.organizations, site.d.berlin)?.score).toBe(30);
    expect(find(french.organizations, site.d.berlin)?.score).toBe(40);
    expect(find(english.organizations, site.d.berlin)?.score).toBe(30);
    expect(find(english.organizations, site.d.kampala)?.score).toBe(82);
    expect(find(english.programmes, site.d.jointVenture)?.score).toBe(94);
    expect(find(french.programmes, site.d.kenyaSuppliers)?.reasons.find((r) => r.code === 'language')?.text).toBe('Works in French.');
  });
});

describe('When the need is not valid', () => {
  it.each([
    [{}, 'country'],
    [{ country: 'XX' }, 'country'],
    [{ country: 'UG', limit: 0 }, 'limit'],
    [{ country: 'UG', limit: 51 }, 'limit'],
    [{ country: 'UG', limit: 'ten' }, 'limit'],
    [{ country: 'UG', sector: 'Z' }, 'sector'],
    [{ country: 'UG', partnerCountries: ['DE', 'ZZ'] }, 'partnerCountries'],
    [{ country: 'UG', partnerRegions: ['999'] }, 'partnerRegions'],
    [{ country: 'UG', languages: ['french'] }, 'languages'],
    [{ country: 'UG', partnershipType: 'merger' }, 'partnershipType'],
    [{ country: 'UG', firmSize: 'huge' }, 'firmSize'],
    [{ country: 'UG', budget: 10 }, 'budget'],
  ])('then %j is refused with a 400 naming %s', async (body, path) => {
    const res = await request(site.t.app).post('/api/v1/recommendations').send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((res.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain(path);
  });
});

describe('When partner regions are given instead of countries', () => {
  it('then the region\'s countries count as partner countries', async () => {
    const found = await ask({ country: 'UG', partnerRegions: ['155'] });
    expect(codes(find(found.organizations, site.d.berlin))).toContain('partner-country');
  });
});

describe('When the OpenAPI document is read', () => {
  it('then it describes the recommendations route', async () => {
    const res = await request(site.t.app).get('/api/openapi.json');
    expect(Object.keys((res.body as { paths: Record<string, unknown> }).paths)).toContain('/api/v1/recommendations');
  });
});
