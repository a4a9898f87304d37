import request from 'supertest';
import { makeOrganization, makeProgramme } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';
import { hrefOf, links, read } from './reader';

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
    expect(hrefOf(read(orgPage.text), 'Ask for an introduction')).toBe(`/introductions/new?organization=${org}`);
    const progPage = await request(t.app).get(`/programmes/${programme}?lang=fr`);
    expect(hrefOf(read(progPage.text), 'Demander une mise en relation')).toBe(`/introductions/new?programme=${programme}`);
    const { agent } = await signedIn(t, ['firm']);
    const form = await agent.get(`/introductions/new?organization=${org}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Rwanda Development Board');
  });

  it('then a search offers to save itself with its filters', async () => {
    const res = await request(t.app).get('/search?country=RW&q=rwanda');
    const link = hrefOf(read(res.text), 'Save this search and get e-mails about new matches') ?? '';
    expect(link).toMatch(/^\/saved-searches\/new\?/);
    const params = new URLSearchParams(link.split('?')[1]);
    expect(params.get('country')).toBe('RW');
    expect(params.get('q')).toBe('rwanda');
  });

  it('then a signed-in user finds its introductions and saved searches in the header, and the home page leads to the cases', async () => {
    const { agent } = await signedIn(t, ['firm']);
    const home = await agent.get('/?lang=es');
    const $home = read(home.text);
    expect(hrefOf($home, 'Presentaciones', 'header')).toBe('/introductions');
    expect(hrefOf($home, 'Búsquedas guardadas', 'header')).toBe('/saved-searches');
    expect(links($home).find((l) => l.href === '/cases')?.text).toMatch(/\S/);
    expect((await agent.get('/introductions')).status).toBe(200);
    expect((await agent.get('/saved-searches')).status).toBe(200);
  });
});
