import request from 'supertest';
import { sendConfirmReminders } from '../../../server/commands/send-confirm-reminders';
import { listMail } from '../../../server/db/outbox';
import { makeOrganization } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('When an entry has not been confirmed for 11 months', () => {
  it('then its editors are reminded once, and nothing public changes', async () => {
    const old = new Date();
    old.setMonth(old.getMonth() - 11);
    old.setDate(old.getDate() - 3);
    const stale = await makeOrganization(t.ctx, { name: 'Chambre de Commerce du Mali', country: 'ML', confirmedAt: old });
    await makeOrganization(t.ctx, { name: 'Fresh entry', country: 'ML' });
    const editor = await signedIn(t, ['agency-editor'], [stale]);
    const before = (await request(t.app).get(`/api/v1/organizations/${stale}`)).body.updatedAt;

    expect(await sendConfirmReminders(t.ctx)).toBe(1);
    const mails = await listMail(t.ctx.database.db, { to: editor.email, kind: 'confirm-reminder' }, 5);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain(`/organizations/${stale}`);

    expect(await sendConfirmReminders(t.ctx)).toBe(0);
    expect((await request(t.app).get(`/api/v1/organizations/${stale}`)).body.updatedAt).toBe(before);
  });
});
