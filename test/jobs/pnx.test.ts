import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { inFlight } from '../../jobs/start-run';
import { makeOrganization, makeProgramme } from '../factories';
import { feedSettled, signedIn, testApp, type TestApp } from '../support';

let a: TestApp;
let b: TestApp;
let server: Server;
let base: string;

beforeAll(async () => {
  a = await testApp();
  b = await testApp({ FEED_ALLOW_PRIVATE: '1' });
  server = a.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await a.close();
  await b.close();
});

describe('When instance B links instance A with the pnx connector', () => {
  it('then B ends with the same entries, and a deletion on A reaches B', async () => {
    const ghana = await makeOrganization(a.ctx, { name: 'Ghana Investment Promotion Centre', acronym: 'GIPC', country: 'GH', networks: ['waipa'], services: ['partner-search'] });
    await makeOrganization(a.ctx, { name: 'Empretec Zimbabwe', kind: 'entrepreneurship-centre', country: 'ZW', networks: ['empretec'] });
    await makeProgramme(a.ctx, { name: 'Ghana–Côte d’Ivoire cocoa linkages', originCountries: ['GH'], targetCountries: ['CI'] }, [ghana]);
    // Run by a German agency between two developing countries: triangular, on A and on B alike.
    const giz = await makeOrganization(a.ctx, { name: 'Deutsche Gesellschaft für Internationale Zusammenarbeit', acronym: 'GIZ', kind: 'development-agency', country: 'DE' });
    await makeProgramme(a.ctx, { name: 'Kenya–Ethiopia horticulture partnerships', originCountries: ['KE'], targetCountries: ['ET'] }, [giz], ['DE']);

    const op = await signedIn(b, ['operator']);
    const source = await op.agent.post('/api/v1/sources').set('X-CSRF-Token', op.csrf).send({ name: 'Instance A', network: 'peer', connector: 'pnx', url: base });
    expect(source.status).toBe(201);
    const run = async () => {
      const started = await op.agent.post(`/api/v1/sources/${source.body.id}/runs`).set('X-CSRF-Token', op.csrf);
      await Promise.all([...inFlight]);
      return (await op.agent.get(`/api/v1/sources/${source.body.id}/runs/${started.body.id}`)).body;
    };

    const first = await run();
    expect(first).toMatchObject({ status: 'succeeded', counts: { fetched: 5, created: 5 } });
    const names = async (app: TestApp, path: string) => ((await request(app.app).get(path).query({ limit: '100' })).body.items as { name: string }[]).map((i) => i.name).sort();
    expect(await names(b, '/api/v1/organizations')).toEqual(await names(a, '/api/v1/organizations'));
    expect(await names(b, '/api/v1/programmes')).toEqual(await names(a, '/api/v1/programmes'));
    const copy = (await request(b.app).get('/api/v1/organizations').query({ q: 'gipc' })).body.items[0];
    expect(copy).toMatchObject({ country: 'GH', networks: ['waipa'], services: ['partner-search'] });
    // The programme's operator on A is its copy on B.
    const programmes = (await request(b.app).get('/api/v1/programmes')).body.items as { name: string; operators: string[]; direction: string }[];
    expect(programmes.find((p) => p.name.startsWith('Ghana'))!.operators).toEqual([copy.id]);
    expect(programmes.map((p) => [p.name, p.direction]).sort()).toEqual([
      ['Ghana–Côte d’Ivoire cocoa linkages', 'south-south'],
      ['Kenya–Ethiopia horticulture partnerships', 'triangular'],
    ]);

    // Nothing new on A: B's next run reads from its cursor and changes nothing.
    expect((await run()).counts).toMatchObject({ fetched: 0, created: 0, updated: 0 });

    const aOp = await signedIn(a, ['operator']);
    await aOp.agent.delete(`/api/v1/organizations/${ghana}`).set('X-CSRF-Token', aOp.csrf);
    // On a server, a transaction open in another test file's database can hold the deletion back from A's feed for a moment.
    const after = await feedSettled(run, (r: { counts: { withdrawn: number } }) => r.counts.withdrawn > 0);
    expect(after.counts.withdrawn).toBe(1);
    expect(await names(b, '/api/v1/organizations')).toEqual(['Deutsche Gesellschaft für Internationale Zusammenarbeit', 'Empretec Zimbabwe']);
  });
});
