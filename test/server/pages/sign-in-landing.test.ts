import request from 'supertest';
import type { Role } from '../../../server/db/enums';
import { createUser } from '../../../server/commands/create-user';
import { freshAddress, PASSWORD, testApp, type TestApp } from '../../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

/** Signs in through the page, as a person does, and answers where the browser is sent. */
async function landing(roles: Role[], next?: string) {
  const email = `landing-${roles.join('-') || 'none'}-${next ? 'next' : 'plain'}@example.org`;
  await createUser(t.ctx, { email, password: PASSWORD, roles, actorId: null });
  const res = await request(t.app).post(`/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`).set('X-Forwarded-For', freshAddress()).type('form').send({ email, password: PASSWORD });
  expect(res.status).toBe(303);
  return res.headers.location;
}

describe('When someone signs in without a page to go back to', () => {
  it.each([
    [['admin'] as Role[], '/console'],
    [['operator'] as Role[], '/console'],
    [['agency-editor'] as Role[], '/account'],
    [['firm'] as Role[], '/account'],
  ])('then %s lands on %s', async (roles, where) => {
    expect(await landing(roles)).toBe(where);
  });

  it('then an admin with a page to go back to goes there', async () => {
    expect(await landing(['admin'], '/progress')).toBe('/progress');
  });
});
