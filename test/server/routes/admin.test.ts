import request from 'supertest';
import { makeOrganization } from '../../factories';
import { PASSWORD, signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = await testApp();
  admin = await signedIn(t, ['admin']);
  operator = await signedIn(t, ['operator']);
});
afterAll(() => t.close());

describe('When an operator or admin manages users', () => {
  it('then disabling an account ends its sessions and tokens at once', async () => {
    const user = await signedIn(t, ['firm']);
    const { token } = (await user.agent.post('/api/v1/tokens').set('X-CSRF-Token', user.csrf).send({})).body;
    const res = await operator.agent.patch(`/api/v1/admin/users/${user.id}`).set('X-CSRF-Token', operator.csrf).send({ disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabledAt).not.toBeNull();
    expect((await user.agent.get('/api/v1/auth/me')).status).toBe(401);
    expect((await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
  });

  it('then an operator makes an agency editor of an organization, but only an admin grants operator or admin', async () => {
    const orgId = await makeOrganization(t.ctx, { name: 'Board of Investment of Sri Lanka', country: 'LK' });
    const user = await signedIn(t, ['firm']);
    const made = await operator.agent.patch(`/api/v1/admin/users/${user.id}`).set('X-CSRF-Token', operator.csrf).send({ roles: ['agency-editor'], organizations: [orgId] });
    expect(made.body).toMatchObject({ roles: ['agency-editor'], organizations: [orgId] });
    expect((await operator.agent.patch(`/api/v1/admin/users/${user.id}`).set('X-CSRF-Token', operator.csrf).send({ roles: ['admin'] })).status).toBe(403);
    expect((await admin.agent.patch(`/api/v1/admin/users/${user.id}`).set('X-CSRF-Token', admin.csrf).send({ roles: ['operator'] })).body.roles).toEqual(['operator']);
  });

  // Found by the fuzz test: an account created for an organization the directory does not hold was a 500 (the link's foreign key).
  it('then an account for an unknown organization is a 400 naming it, and an organization named twice is linked once', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const refused = await admin.agent.post('/api/v1/admin/users').set('X-CSRF-Token', admin.csrf).send({ email: 'nobody-org@example.org', password: PASSWORD, roles: ['agency-editor'], organizations: [unknown] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'organizations', message: `unknown organization: ${unknown}` }]);
    const emails: string[] = ((await admin.agent.get('/api/v1/admin/users')).body as { items: { email: string }[] }).items.map((u) => u.email);
    expect(emails).not.toContain('nobody-org@example.org');
    const orgId = await makeOrganization(t.ctx, { name: 'Invest Barbados', country: 'BB' });
    const made = await admin.agent.post('/api/v1/admin/users').set('X-CSRF-Token', admin.csrf).send({ email: 'twice@example.org', password: PASSWORD, roles: ['agency-editor'], organizations: [orgId, orgId] });
    expect(made.status).toBe(201);
    expect(made.body.organizations).toEqual([orgId]);
    const user = await operator.agent.patch(`/api/v1/admin/users/${made.body.id}`).set('X-CSRF-Token', operator.csrf).send({ organizations: [orgId, orgId] });
    expect(user.status).toBe(200);
    expect(user.body.organizations).toEqual([orgId]);
  });

  it.each([
    [{ roles: ['emperor'] }, 'roles'],
    [{ organizations: ['not-a-uuid'] }, 'organizations'],
    [{ disabled: 'yes' }, 'disabled'],
    [{ colour: 'red' }, 'colour'],
  ])('then %j is 400 naming %s', async (body, path) => {
    const user = await signedIn(t, ['firm']);
    const res = await admin.agent.patch(`/api/v1/admin/users/${user.id}`).set('X-CSRF-Token', admin.csrf).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
  });

  it('then the last admin cannot be disabled', async () => {
    const solo = await testApp();
    try {
      const only = await signedIn(solo, ['admin']);
      const res = await only.agent.patch(`/api/v1/admin/users/${only.id}`).set('X-CSRF-Token', only.csrf).send({ disabled: true });
      expect(res.status).toBe(409);
    } finally {
      await solo.close();
    }
  });

  it('then firms and agencies cannot reach these tools', async () => {
    const firm = await signedIn(t, ['firm']);
    expect((await firm.agent.get('/api/v1/admin/users')).status).toBe(403);
    expect((await request(t.app).get('/api/v1/admin/audit')).status).toBe(401);
  });

  it('then the audit log says who changed what, when, before and after', async () => {
    const user = await signedIn(t, ['firm']);
    await operator.agent.patch(`/api/v1/admin/users/${user.id}`).set('X-CSRF-Token', operator.csrf).send({ roles: ['agency-editor'] });
    const log = await admin.agent.get('/api/v1/admin/audit').query({ entityType: 'user', entityId: user.id });
    const update = log.body.items.find((i: { action: string }) => i.action === 'update');
    expect(update).toMatchObject({ actor: operator.id, before: { roles: ['firm'] }, after: { roles: ['agency-editor'] } });
    expect(Date.parse(update.at)).not.toBeNaN();
  });
});
