import request from 'supertest';
import { makeOrganization } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';
import { read, textIn } from './reader';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  const agency = await makeOrganization(t.ctx, { name: 'Tanzania Investment Centre', country: 'TZ' });
  // Six firms ask the same agency: six requests still new, every other status none.
  for (let i = 0; i < 6; i++) {
    const firm = await signedIn(t, ['firm']);
    const res = await firm.agent.post('/api/v1/introductions').set('X-CSRF-Token', firm.csrf).send({ organizationId: agency, message: `Cashew processor ${i} seeks a buyer in India` });
    if (res.status !== 201) throw new Error(`request ${i}: ${res.status} ${JSON.stringify(res.body)}`);
  }
});
afterAll(() => t.close());

describe('When firms have sent introduction requests', () => {
  it('then the progress page charts them by status in the reader\'s language, withholding every figure under 5', async () => {
    const res = await request(t.app).get('/progress?lang=fr');
    const $ = read(res.text);
    expect(textIn($, '#introductionsByStatus')).toContain('Demandes de mise en relation par statut');
    // Each row reads as its label, then its figure.
    const figures: Record<string, string> = Object.fromEntries(
      $('#introductionsByStatus .bar-row')
        .map((_, row) => [[$(row).children('span').first().text(), $(row).children('.n').text()]])
        .get() as [string, string][],
    );
    expect(figures).toMatchObject({ Nouvelle: '6', 'Accusé de réception': 'moins de 5' });
    expect(res.text).toContain('s’affiche dès que 5 partenariats sont conclus');
  });

  it('then the CSV of the statuses leaves withheld cells empty', async () => {
    const res = await request(t.app).get('/api/v1/stats.csv?table=introductionsByStatus');
    expect(res.status).toBe(200);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('status,count');
    expect(lines).toContain('new,6');
    expect(lines).toContain('acknowledged,');
  });
});
