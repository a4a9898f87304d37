/** The saved searches' pages in Spanish: save a search from its query, see it listed, delete it; errors and sign-in. */
import request from 'supertest';
import { signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const csrfOf = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? '';

describe('When a Spanish reader saves a search from /saved-searches/new', () => {
  it('then the filters show in words, the form asks name and frequency, and the saved search is listed with a delete button', async () => {
    const firm = await signedIn(t, []);
    const form = await firm.agent.get('/saved-searches/new?lang=es&country=KE&sector=A&q=cacao').expect(200);
    expect(form.text).toContain('<html lang="es"');
    expect(form.text).toContain('<h1>Guardar esta búsqueda</h1>');
    expect(form.text).toContain('Palabras: «cacao»');
    expect(form.text).toMatch(/<li>País: Kenya<\/li><li>Sector: A Agricultura/);
    expect(form.text).toContain('<input type="hidden" name="country" value="KE">');
    expect(form.text).toContain('<label for="f-name">Nombre');
    expect(form.text).toContain('<option value="monthly">Cada mes</option>');

    const missing = await firm.agent.post('/saved-searches?lang=es').type('form').send({ _csrf: csrfOf(form.text), name: '', frequency: 'weekly', country: 'KE' }).expect(400);
    expect(missing.text).toContain('<title>Error: Guardar esta búsqueda');
    expect(missing.text).toContain('aria-invalid="true"');
    expect(missing.text).toContain('<a href="#f-name">Nombre:');

    const saved = await firm.agent.post('/saved-searches?lang=es').type('form').send({ _csrf: csrfOf(form.text), name: 'Cacao en Kenia', frequency: 'monthly', country: 'KE', sector: 'A', q: 'cacao' }).expect(303);
    expect(saved.headers.location).toBe('/saved-searches');
    const api = await firm.agent.get('/api/v1/saved-searches').expect(200);
    expect(api.body.items[0]).toMatchObject({ name: 'Cacao en Kenia', frequency: 'monthly', lang: 'es', query: { country: ['KE'], sector: ['A'], q: 'cacao' } });

    const list = await firm.agent.get('/saved-searches').expect(200);
    expect(list.text).toContain('Su búsqueda está guardada');
    expect(list.text).toContain('<h2 id="saved-');
    expect(list.text).toContain('Cacao en Kenia');
    expect(list.text).toContain('Cada mes');
    expect(list.text).toContain('href="/search?q=cacao&amp;country=KE&amp;sector=A"');
    const id = api.body.items[0].id as string;
    expect(list.text).toContain(`action="/saved-searches/${id}/delete"`);

    const other = await signedIn(t, []);
    const theirs = await other.agent.get('/saved-searches').expect(200);
    await other.agent.post(`/saved-searches/${id}/delete`).type('form').send({ _csrf: csrfOf(theirs.text) }).expect(404);
    await firm.agent.post(`/saved-searches/${id}/delete`).type('form').send({}).expect(403);
    await firm.agent.post(`/saved-searches/${id}/delete`).type('form').send({ _csrf: csrfOf(list.text) }).expect(303);
    const after = await firm.agent.get('/saved-searches').expect(200);
    expect(after.text).toContain('La búsqueda guardada «Cacao en Kenia» está eliminada.');
    expect(after.text).toContain('Todavía no ha guardado ninguna búsqueda.');
  });

  it('then a search with a bad filter cannot be saved', async () => {
    const firm = await signedIn(t, []);
    const res = await firm.agent.get('/saved-searches/new?lang=es&country=XX').expect(400);
    expect(res.text).toContain('Esta búsqueda no se puede guardar');
  });
});

describe('When nobody is signed in', () => {
  it('then the saved searches page sends to sign in', async () => {
    const res = await request(t.app).get('/saved-searches').expect(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fsaved-searches');
  });
});
