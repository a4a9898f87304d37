import request from 'supertest';
import { createUser } from '../../../server/commands/create-user';
import { freshAddress, PASSWORD, testApp, type TestApp } from '../../support';
import { hrefs, labelOf, read } from './reader';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ BASE_PATH: '/network/' });
  await createUser(t.ctx, { email: 'agency@example.org', password: PASSWORD, roles: ['agency-editor'], actorId: null });
});
afterAll(() => t.close());

describe('When the agencies’ pages are served under BASE_PATH', () => {
  it('then signing in from a protected page comes back to it, under the prefix', async () => {
    const agent = request.agent(t.app);
    const asked = await agent.get('/network/account/organizations/new').set('Accept', 'text/html');
    expect(asked.status).toBe(303);
    const signInAt = asked.headers.location as string;
    expect(signInAt).toBe(`/network/sign-in?next=${encodeURIComponent('/network/account/organizations/new')}`);
    const form = await agent.get(signInAt);
    expect(hrefs(read(form.text))).toContain('/network/sign-up');
    const signedIn = await agent.post(signInAt).set('X-Forwarded-For', freshAddress()).type('form').send({ email: 'agency@example.org', password: PASSWORD });
    expect(signedIn.headers.location).toBe('/network/account/organizations/new');
    const page = await agent.get('/network/account/organizations/new');
    expect(page.status).toBe(200);
    // The registration form posts back to itself, under the prefix.
    const $page = read(page.text);
    expect($page('main form[method="post"]').attr('action') ?? '').toBe('');
    expect(labelOf($page, 'name', 'main form')).toBeDefined();
  });

  it('then a ?next= outside the prefix is ignored for the account page', async () => {
    const res = await request(t.app).post('/network/sign-in?next=/elsewhere').set('X-Forwarded-For', freshAddress()).type('form').send({ email: 'agency@example.org', password: PASSWORD });
    expect(res.headers.location).toBe('/network/account');
  });
});
