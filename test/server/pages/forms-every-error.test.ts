import request from 'supertest';
import { signedIn, testApp, type TestApp } from '../../support';
import { read, textIn, type Read } from './reader';

let t: TestApp;
let operator: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = await testApp();
  operator = await signedIn(t, ['operator']);
});
afterAll(() => t?.close());

/** The problems the summary at the top of the form lists, as the reader sees them. */
const summary = ($: Read) => $('.error-summary li').map((_, li) => $(li).text().trim()).get();
/** The fields marked in error: inside a `.field.invalid`, with aria-invalid and their error tied to them. */
const invalidFields = ($: Read) =>
  $('.field.invalid')
    .find('input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true]')
    .filter((_, el) => ($(el).attr('aria-describedby') ?? '').includes(`${$(el).attr('id')}-error`))
    .map((_, el) => $(el).attr('name'))
    .get();

describe('When someone signs up with several mistakes', () => {
  it('then every mistake is listed at once, a weak password with a malformed e-mail, each text field marked', async () => {
    const res = await request(t.app).post('/sign-up').type('form').send({ role: 'agency-editor', email: 'kofi-at-example', password: 'short' });
    expect(res.status).toBe(400);
    const $ = read(res.text);
    expect(summary($)).toEqual(['E-mail address: Enter an e-mail address such as name@example.org.', expect.stringMatching(/^Password: .*12 characters/)]);
    expect(invalidFields($).sort()).toEqual(['email', 'password']);
    expect(textIn($, '#f-password-error')).toMatch(/12 characters/);
  });
});

describe('When a French reader signs up with a mistake', () => {
  it('then the summary names the field and its problem with a no-break space before the colon, as French writes it', async () => {
    const res = await request(t.app).post('/sign-up').set('Accept-Language', 'fr').type('form').send({ role: 'firm', email: 'kofi-at-example', password: 'correct horse battery staple' });
    const $ = read(res.text);
    const problems = summary($);
    expect(problems).toContainEqual(expect.stringMatching(/^Adresse électronique\u00a0: /));
    expect(problems.filter((p) => !/^[^:]*\S\u00a0: /.test(p))).toEqual([]);
  });
});

describe('When an operator sends the source form with several mistakes', () => {
  it('then the schema’s, the address’s and the mapping’s problems are all listed at once', async () => {
    const res = await operator.agent
      .post('/console/sources/new')
      .type('form')
      .send({ _csrf: operator.csrf, name: 'Nowhere', network: 'nowhere-net', connector: 'json', url: 'file:///etc/passwd', schedule: 'every day', timezone: 'UTC', _action: 'save' });
    expect(res.status).toBe(400);
    const $ = read(res.text);
    const problems = summary($);
    expect(problems).toEqual([
      'Schedule: This is not a valid cron expression: give five or six fields, e.g. 0 3 * * *.',
      'Feed URL: This address cannot be read: only http and https feeds are read, not file:',
      'Mapping (JSON): give a mapping: the network "nowhere-net" has no preset (presets: empretec, waipa)',
    ]);
    expect(invalidFields($).sort()).toEqual(['mapping', 'schedule', 'url']);
  });
});

describe('When an operator leaves the feed URL empty', () => {
  // Seen on the walk: "This address cannot be read: Fill in this field." said the same thing twice, in each language.
  it.each([
    ['en', 'Feed URL: Fill in this field.'],
    ['fr', 'URL du flux\u00a0: Remplissez ce champ.'],
    ['es', 'URL del flujo: Rellene este campo.'],
  ])('then in %s the summary says only to fill it in', async (lang, said) => {
    const res = await operator.agent
      .post(`/console/sources/new?lang=${lang}`)
      .type('form')
      .send({ _csrf: operator.csrf, name: 'Chambers', network: 'empretec', connector: 'json', url: '', timezone: 'UTC', _action: 'save' });
    expect(res.status).toBe(400);
    expect(summary(read(res.text))).toEqual([said]);
  });
});

describe('When the page style marks a field in error', () => {
  it('then text inputs get the red border as selects do: the rule is not outweighed by the fields’ own border', async () => {
    const $ = read((await request(t.app).get('/sign-up')).text);
    const css = $('style').text();
    const rule = /([^}]*)\{border:2px solid #b00020\}/.exec(css)?.[1] ?? '';
    expect(rule.split(',')).toEqual(expect.arrayContaining(['.field.invalid input:not([type=checkbox]):not([type=radio])', '.field.invalid select', '.field.invalid textarea']));
  });
});
