import request from 'supertest';
import { signedIn } from '../../support';
import { syncHarness } from '../../sync-harness';
import { jsonLdOf } from './firms-data';
import { definition, hrefOf, links, read } from './reader';

const h = syncHarness();
let gipc: string;
beforeAll(async () => {
  const source = await h.addSource({ name: 'WAIPA members', network: 'waipa', connector: 'csv', url: h.feeds.url('waipa-members.csv') });
  expect((await h.run(source)).status).not.toBe('failed');
  const list = await request(h.app).get('/api/v1/organizations').query({ q: 'Ghana Investment Promotion Centre' });
  gipc = list.body.items[0].id;
});

describe('When an organization came from a linked feed', () => {
  it('then its page says so and offers its agency a link to claim it', async () => {
    const res = await request(h.app).get(`/organizations/${gipc}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('This entry came from a linked feed of another network.');
    const $ = read(res.text);
    expect(hrefOf($, 'Claim this entry')).toBe(`/organizations/${gipc}/claim`);
    expect(definition($, 'Networks')).toBe('World Association of Investment Promotion Agencies (WAIPA)');
    expect(jsonLdOf(res.text)).toMatchObject({ '@type': 'Organization', name: 'Ghana Investment Promotion Centre', url: 'https://www.gipc.gov.gh/' });
  });

  it('then in Spanish the claim link is Spanish', async () => {
    const res = await request(h.app).get(`/organizations/${gipc}`).set('Accept-Language', 'es');
    expect(hrefOf(read(res.text), 'Reclamar esta ficha')).toBe(`/organizations/${gipc}/claim`);
  });

  it('then an editor who already keeps it sees the edit link instead of the claim', async () => {
    // The harness owns the app's life; this view of it only signs a user in.
    const editor = await signedIn({ ctx: h.ctx, app: h.app, env: h.ctx.env, close: async () => undefined }, ['agency-editor'], [gipc]);
    const res = await editor.agent.get(`/organizations/${gipc}`);
    const $ = read(res.text);
    expect(hrefOf($, 'Edit this entry')).toBe(`/account/organizations/${gipc}/edit`);
    expect(links($).filter((l) => l.href.endsWith('/claim'))).toEqual([]);
  });
});
