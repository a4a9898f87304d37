/**
 * When a case's year lies in the future or a follow-up date in the past, then the API refuses it
 * naming the field, and the form says why next to the field in the reader's language. The
 * dates are taken from the test's own day, so the tests hold in any year.
 */
import * as cheerio from 'cheerio';
import { earliestToday, isFutureYear, isPastDate, latestYear } from '../../../server/reference/calendar';
import { makeOrganization } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The message a reader finds by a field: the element its aria-describedby names as the error. */
function fieldError(text: string, name: string): string | undefined {
  const $ = cheerio.load(text);
  const control = $(`#f-${name}`);
  const ids = (control.attr('aria-describedby') ?? '').split(' ');
  const error = ids.find((id) => id.endsWith('-error'));
  return error ? $(`#${error}`).text() : undefined;
}

describe('When the clock is fixed', () => {
  it('then "this year" and "today" are as wide as the readers from UTC−12 to UTC+14 see them', () => {
    const newYearsEveEvening = new Date('2030-12-31T11:00:00Z');
    expect(latestYear(newYearsEveEvening)).toBe(2031);
    expect(isFutureYear(2031, newYearsEveEvening)).toBe(false);
    expect(isFutureYear(2032, newYearsEveEvening)).toBe(true);
    expect(isFutureYear(2031, new Date('2030-06-01T00:00:00Z'))).toBe(true);
    const earlyMorning = new Date('2030-01-01T05:00:00Z');
    expect(earliestToday(earlyMorning)).toBe('2029-12-31');
    expect(isPastDate('2029-12-31', earlyMorning)).toBe(false);
    expect(isPastDate('2029-12-30', earlyMorning)).toBe(true);
  });
});

describe('When an agency records a case or follows up a request', () => {
  let t: TestApp;
  let org: string;
  let editor: Awaited<ReturnType<typeof signedIn>>;
  let firm: Awaited<ReturnType<typeof signedIn>>;
  let request: string;
  const api = (who: typeof editor, path: string, body: object) => who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
  const form = (who: typeof editor, path: string, fields: Record<string, string>) => who.agent.post(path).type('form').send({ _csrf: who.csrf, ...fields });
  const future = new Date().getUTCFullYear() + 2;
  const past = isoDay(Date.now() - 3 * DAY);

  beforeAll(async () => {
    t = await testApp();
    org = await makeOrganization(t.ctx, { name: 'Agence de Dakar', country: 'SN' });
    editor = await signedIn(t, ['agency-editor'], [org]);
    firm = await signedIn(t, ['firm']);
    const asked = await api(firm, '/api/v1/introductions', { organizationId: org, message: 'We seek a partner for cashew processing.' });
    expect(asked.status).toBe(201);
    request = asked.body.id;
  });
  afterAll(() => t.close());

  it('then a case year in the future is refused by the API, naming year', async () => {
    const res = await api(editor, '/api/v1/cases', { title: 'Cashew exports', organizations: [org], year: future });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ path: 'year', message: `must not be later than ${latestYear()}: a case has already happened` }]);
    expect((await api(editor, '/api/v1/cases', { title: 'Cashew exports', organizations: [org], year: new Date().getUTCFullYear() })).status).toBe(201);
  });

  it('then the case form says so next to the year, in French', async () => {
    const res = await form(editor, '/account/cases/new?lang=fr', { title: 'Noix de cajou', organizations: org, year: String(future), state: 'published' });
    expect(res.status).toBe(400);
    expect(fieldError(res.text, 'year')).toBe(`Un cas a déjà eu lieu\u00a0: saisissez ${latestYear()} ou une année antérieure.`);
  });

  it('then a follow-up date in the past is refused by the API, naming followUpOn, and today is accepted', async () => {
    const res = await api(editor, `/api/v1/introductions/${request}/status`, { status: 'acknowledged', followUpOn: past });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'followUpOn', message: 'must be today or later' }]);
    expect((await editor.agent.get(`/api/v1/introductions/${request}`)).body.status).toBe('new');
  });

  it('then the request page says so next to the follow-up date, in Spanish, and keeps the request where it was', async () => {
    const res = await form(editor, `/introductions/${request}/status?lang=es`, { status: 'acknowledged', followUpOn: past });
    expect(res.status).toBe(400);
    expect(fieldError(res.text, 'followUpOn')).toBe('Elija una fecha de seguimiento a partir de hoy: esta ya pasó.');
    const today = isoDay(Date.now());
    expect((await api(editor, `/api/v1/introductions/${request}/status`, { status: 'acknowledged', followUpOn: today })).status).toBe(200);
  });
});
