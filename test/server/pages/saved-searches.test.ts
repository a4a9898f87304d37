/** The saved searches' pages in Spanish: save a search from its query, see it listed, delete it; errors and sign-in. */
import request from 'supertest';
import { bodyOf, signedIn, testApp, type TestApp } from '../../support';
import { actions, choices, labelOf, langOf, links, read, textIn, textsOf, valueOf } from './reader';

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
    const $form = read(form.text);
    expect(langOf($form)).toBe('es');
    expect(textIn($form, 'h1')).toBe('Guardar esta búsqueda');
    expect(textsOf($form, 'main li')).toEqual(expect.arrayContaining(['Palabras: «cacao»', 'País: Kenya']));
    expect(textsOf($form, 'main li').find((item) => item.startsWith('Sector: '))).toMatch(/^Sector: A Agricultura/);
    expect($form('input[type="hidden"][name="country"]').attr('value')).toBe('KE');
    expect(labelOf($form, 'name')).toMatch(/^Nombre/);
    expect(choices($form, 'frequency')).toContainEqual(expect.objectContaining({ value: 'monthly', text: 'Cada mes' }));

    const missing = await firm.agent.post('/saved-searches?lang=es').type('form').send({ _csrf: csrfOf(form.text), name: '', frequency: 'weekly', country: 'KE' }).expect(400);
    const $missing = read(missing.text);
    expect(textIn($missing, 'title')).toMatch(/^Error: Guardar esta búsqueda/);
    expect($missing('[name="name"]').attr('aria-invalid')).toBe('true');
    expect(links($missing, '.error-summary').find((l) => l.href === '#f-name')?.text).toMatch(/^Nombre:/);

    const saved = await firm.agent.post('/saved-searches?lang=es').type('form').send({ _csrf: csrfOf(form.text), name: 'Cacao en Kenia', frequency: 'monthly', country: 'KE', sector: 'A', q: 'cacao' }).expect(303);
    expect(saved.headers.location).toBe('/saved-searches');
    const api = await firm.agent.get('/api/v1/saved-searches').expect(200);
    expect(api.body.items[0]).toMatchObject({ name: 'Cacao en Kenia', frequency: 'monthly', lang: 'es', query: { country: ['KE'], sector: ['A'], q: 'cacao' } });

    const list = await firm.agent.get('/saved-searches').expect(200);
    const $list = read(list.text);
    expect(textIn($list, 'main')).toContain('Su búsqueda está guardada');
    expect(textsOf($list, 'main h2')).toContain('Cacao en Kenia');
    expect(textIn($list, 'main')).toContain('Cada mes');
    expect(links($list, 'main').map((l) => l.href)).toContain('/search?q=cacao&country=KE&sector=A');
    const id = api.body.items[0].id as string;
    expect(actions($list, 'main')).toContain(`/saved-searches/${id}/delete`);

    const other = await signedIn(t, []);
    const theirs = await other.agent.get('/saved-searches').expect(200);
    await other.agent.post(`/saved-searches/${id}/delete`).type('form').send({ _csrf: csrfOf(theirs.text) }).expect(404);
    await firm.agent.post(`/saved-searches/${id}/delete`).type('form').send({}).expect(403);
    await firm.agent.post(`/saved-searches/${id}/delete`).type('form').send({ _csrf: csrfOf(list.text) }).expect(303);
    const after = await firm.agent.get('/saved-searches').expect(200);
    expect(after.text).toContain('La búsqueda guardada «Cacao en Kenia» está eliminada.');
    expect(after.text).toContain('Todavía no ha guardado ninguna búsqueda.');
  });

  it('then a search whose place was removed, to read its words as words, is saved that way', async () => {
    const firm = await signedIn(t, []);
    const form = await firm.agent.get('/saved-searches/new?lang=es&q=kenia&places=none').expect(200);
    const $form = read(form.text);
    expect($form('input[type="hidden"][name="places"]').attr('value')).toBe('none');
    expect(textsOf($form, 'main li')).toEqual(expect.arrayContaining(['Palabras: «kenia»', 'Nombres de países y regiones leídos como palabras, no como lugares']));
    await firm.agent.post('/saved-searches?lang=es').type('form').send({ _csrf: csrfOf(form.text), name: 'Kenia, la palabra', frequency: 'weekly', q: 'kenia', places: 'none' }).expect(303);
    const api = await firm.agent.get('/api/v1/saved-searches').expect(200);
    expect(bodyOf<{ items: unknown[] }>(api).items[0]).toMatchObject({ name: 'Kenia, la palabra', query: { q: 'kenia', places: 'none' } });
    const $list = read((await firm.agent.get('/saved-searches').expect(200)).text);
    expect(links($list, 'main').map((l) => l.href)).toContain('/search?q=kenia&places=none');
    expect(textsOf($list, 'main li')).toContain('Nombres de países y regiones leídos como palabras, no como lugares');
    // A search whose places are read says nothing of them.
    const plain = read((await firm.agent.get('/saved-searches/new?lang=es&q=kenia').expect(200)).text);
    expect(textsOf(plain, 'main li')).not.toContain('Nombres de países y regiones leídos como palabras, no como lugares');
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
