import request from 'supertest';
import { makeOrganization, makeProgramme } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
let org: string;
let programme: string;
beforeAll(async () => {
  t = await testApp();
  org = await makeOrganization(t.ctx, { name: 'Rwanda Development Board', country: 'RW' });
  programme = await makeProgramme(t.ctx, { name: 'Rwanda-Belgium supplier linkages', originCountries: ['BE'], targetCountries: ['RW'] }, [org]);
});
afterAll(() => t.close());

describe('When a firm moves between the parts of the site', () => {
  it('then an organization and a programme page each lead to an introduction request addressed to them', async () => {
    const orgPage = await request(t.app).get(`/organizations/${org}`);
    expect(orgPage.text).toContain(`<a href="/introductions/new?organization=${org}">Ask for an introduction</a>`);
    const progPage = await request(t.app).get(`/programmes/${programme}?lang=fr`);
    expect(progPage.text).toContain(`<a href="/introductions/new?programme=${programme}">Demander une mise en relation</a>`);
    const { agent } = await signedIn(t, ['firm']);
    const form = await agent.get(`/introductions/new?organization=${org}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Rwanda Development Board');
  });

  it('then a search offers to save itself with its filters', async () => {
    const res = await request(t.app).get('/search?country=RW&q=rwanda');
    const link = /<a href="(\/saved-searches\/new\?[^"]+)">Save this search and get e-mails about new matches<\/a>/.exec(res.text)?.[1] ?? '';
    const params = new URLSearchParams(link.split('?')[1]?.replace(/&amp;/g, '&'));
    expect(params.get('country')).toBe('RW');
    expect(params.get('q')).toBe('rwanda');
  });

  it('then a signed-in user finds its introductions and saved searches in the header, and the home page leads to the cases', async () => {
    const { agent } = await signedIn(t, ['firm']);
    const home = await agent.get('/?lang=es');
    expect(home.text).toContain('<a href="/introductions">Presentaciones</a>');
    expect(home.text).toContain('<a href="/saved-searches">Búsquedas guardadas</a>');
    expect(home.text).toMatch(/<a href="\/cases">[^<]+<\/a>/);
    expect((await agent.get('/introductions')).status).toBe(200);
    expect((await agent.get('/saved-searches')).status).toBe(200);
  });
});
