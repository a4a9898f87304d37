/** The saved search alerts job: one mail listing only the new matching entries, then nothing until the next period. */
import { eq } from 'drizzle-orm';
import { sendSavedSearchAlerts } from '../../server/commands/saved-searches';
import { listMail } from '../../server/db/outbox';
import { organizations, savedSearches } from '../../server/db/schema';
import { makeOrganization, makeProgramme } from '../factories';
import { signedIn, testApp, type TestApp } from '../support';
import { jobs } from '../../jobs/scheduler';

const DAY = 24 * 3600 * 1000;
const SITE = 'http://pn.example.org';
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ PUBLIC_URL: SITE });
});
afterAll(() => t.close());

const backdate = (id: string, at: Date) => t.ctx.database.db.update(organizations).set({ createdAt: at }).where(eq(organizations.id, id));
const lastSent = (id: string, at: Date) => t.ctx.database.db.update(savedSearches).set({ lastSentAt: at }).where(eq(savedSearches.id, id));
const alertsTo = (to: string) => listMail(t.ctx.database.db, { to, kind: 'saved-search-alert' }, 50);

describe('When a weekly saved search of Kenya is due', () => {
  it('then its owner gets one Spanish mail listing the new Kenyan entries only; the next day nothing; a week later only what is new since', async () => {
    const now = new Date();
    const firm = await signedIn(t, []);
    const saved = await firm.agent
      .post('/api/v1/saved-searches')
      .set('X-CSRF-Token', firm.csrf)
      .send({ name: 'Kenia', frequency: 'weekly', query: { country: ['KE'] }, lang: 'es' })
      .expect(201);
    await lastSent(saved.body.id, new Date(now.getTime() - 10 * DAY));
    await backdate(await makeOrganization(t.ctx, { name: 'Old Nairobi Agency', country: 'KE' }), new Date(now.getTime() - 20 * DAY));
    const fresh = await makeOrganization(t.ctx, { name: 'Nairobi New Partners', country: 'KE' });
    await makeOrganization(t.ctx, { name: 'Dakar New Partners', country: 'SN' });
    const programme = await makeProgramme(t.ctx, { name: 'Kenya Export Bridge', originCountries: ['DE'], targetCountries: ['KE'] });
    const at = new Date(Date.now() + 1000);

    expect(await sendSavedSearchAlerts(t.ctx, at)).toMatchObject({ mailed: 1, failed: 0 });
    const [mail, ...others] = await alertsTo(firm.email);
    expect(others).toHaveLength(0);
    expect(mail?.subject).toBe('Novedades en la Partnering Network: Kenia');
    expect(mail?.text).toContain('2 nuevas fichas coinciden con su búsqueda guardada «Kenia».');
    expect(mail?.text).toContain(`- Nairobi New Partners\n  ${SITE}/organizations/${fresh}`);
    expect(mail?.text).toContain(`- Kenya Export Bridge\n  ${SITE}/programmes/${programme}`);
    expect(mail?.text).toContain(`${SITE}/search?country=KE&lang=es`);
    expect(mail?.text).not.toContain('Old Nairobi Agency');
    expect(mail?.text).not.toContain('Dakar');

    // The next day: not due, nothing sent.
    expect(await sendSavedSearchAlerts(t.ctx, new Date(at.getTime() + DAY))).toMatchObject({ mailed: 0, 'nothing-new': 0 });
    expect(await alertsTo(firm.email)).toHaveLength(1);

    // A week later: only the entry added since the first alert.
    const later = await makeOrganization(t.ctx, { name: 'Mombasa Trade Link', country: 'KE' });
    await backdate(later, new Date(at.getTime() + 3 * DAY));
    expect(await sendSavedSearchAlerts(t.ctx, new Date(at.getTime() + 7 * DAY))).toMatchObject({ mailed: 1 });
    const mails = await alertsTo(firm.email);
    expect(mails).toHaveLength(2);
    const newest = mails.find((m) => m.text.includes('Mombasa'));
    expect(newest?.text).toContain('Una nueva ficha coincide con su búsqueda guardada «Kenia».');
    expect(newest?.text).not.toContain('Nairobi New Partners');
  });
});

describe('When a monthly saved search is due and nothing new matches it', () => {
  it('then no mail is sent but its date moves on', async () => {
    const firm = await signedIn(t, []);
    const saved = await firm.agent.post('/api/v1/saved-searches').set('X-CSRF-Token', firm.csrf).send({ name: 'Brazil', frequency: 'monthly', query: { country: 'BR' } }).expect(201);
    const now = new Date(Date.now() + 1000);
    await lastSent(saved.body.id, new Date(now.getTime() - 29 * DAY));
    await sendSavedSearchAlerts(t.ctx, now);
    const [before] = await t.ctx.database.db.select().from(savedSearches).where(eq(savedSearches.id, saved.body.id));
    expect(before?.lastSentAt.getTime()).toBe(now.getTime() - 29 * DAY);

    await lastSent(saved.body.id, new Date(now.getTime() - 31 * DAY));
    expect(await sendSavedSearchAlerts(t.ctx, now)).toMatchObject({ mailed: 0 });
    const [after] = await t.ctx.database.db.select().from(savedSearches).where(eq(savedSearches.id, saved.body.id));
    expect(after?.lastSentAt.getTime()).toBe(now.getTime());
    expect(await alertsTo(firm.email)).toHaveLength(0);
  });

  it('then the job is scheduled daily with a lock of its own', () => {
    const all = jobs();
    const job = all.find((j) => j.name === 'saved-search-alerts');
    expect(job?.schedule).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(all.filter((j) => j.lock === job?.lock)).toHaveLength(1);
  });
});
