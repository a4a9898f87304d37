/** The readiness check's pages: the questionnaire, errors kept in French, results, history and privacy. */
import request from 'supertest';
import { makeProgramme } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';
import { questionIds } from '../../../server/readiness/questions';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await makeProgramme(t.ctx, { name: 'Programme Négociation Sénégal', originCountries: ['FR'], targetCountries: ['SN'], services: ['negotiation-support'] });
});
afterAll(() => t.close());

/** The form's fields with every question answered `value`, with some overrides. */
const posted = (value: number, overrides: Record<string, string | undefined> = {}) => {
  const fields: Record<string, string> = Object.fromEntries(questionIds.map((q) => [`answers.${q}`, String(value)]));
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete fields[k];
    else fields[k] = v;
  }
  return fields;
};

describe('When a French reader opens /readiness', () => {
  it('then the questionnaire is in French, a fieldset per criterion, a radio group per question, with a WebPage JSON-LD', async () => {
    const res = await request(t.app).get('/readiness?lang=fr').expect(200);
    expect(res.text).toContain('<html lang="fr"');
    expect(res.text).toContain('<h1>Test de préparation au partenariat</h1>');
    expect(res.text.match(/<fieldset class="criterion">/g)).toHaveLength(8);
    expect(res.text.match(/<fieldset class="question/g)).toHaveLength(24);
    expect(res.text).toContain('<legend>Clarté des motivations et des structures</legend>');
    expect(res.text).toContain('name="answers.trust-2" value="4"');
    expect(res.text).toContain('Entièrement');
    expect(res.text).toMatch(/"@type":"WebPage"[^<]*"inLanguage":"fr"/);
  });

  it('then a missing answer comes back (400) in French, tied to its group, with every other answer kept', async () => {
    const res = await request(t.app).post('/readiness?lang=fr').type('form').send(posted(3, { 'answers.culture-2': undefined, country: 'SN' })).expect(400);
    expect(res.text).toContain('<title>Erreur\u00a0: Test de préparation au partenariat');
    expect(res.text).toMatch(/<fieldset class="question invalid" id="f-answers-culture-2" tabindex="-1" aria-describedby="f-answers-culture-2-error">/);
    expect(res.text).toContain('<span class="field-error" id="f-answers-culture-2-error">Choisissez une réponse de 0 à 4.</span>');
    expect(res.text).toContain('<a href="#f-answers-culture-2">Nous avons visité le pays ou la région du partenaire, ou nous y avons des contacts\u00a0: Choisissez une réponse de 0 à 4.</a>');
    expect(res.text).toContain('name="answers.culture-1" value="3" required checked');
    expect(res.text).not.toContain('name="answers.culture-2" value="3" required checked');
    expect(res.text).toMatch(/<option value="SN" selected>Sénégal<\/option>/);
  });

  it('then an answer outside the scale is refused too', async () => {
    const res = await request(t.app).post('/readiness').type('form').send(posted(2, { 'answers.trust-1': '7' })).expect(400);
    expect(res.text).toContain('id="f-answers-trust-1-error">Choose an answer from 0 to 4.');
  });

  it('then a complete anonymous answer shows the scores as bars, the overall and the gaps with services and programmes, saving nothing', async () => {
    const res = await request(t.app).post('/readiness?lang=fr').type('form').send(posted(3, { 'answers.negotiation-1': '0', 'answers.negotiation-2': '1', 'answers.negotiation-3': '1', country: 'SN' })).expect(200);
    expect(res.text).toContain('<h1>Votre résultat de préparation</h1>');
    expect(res.text).toContain('<strong>Préparation globale\u00a0: 68 sur 100</strong>');
    // negotiation: 2 of 12 → 17, a gap; the rest 75; overall 65 of 96 → 68.
    expect(res.text).toMatch(/<li class="bar-row gap"><span>Compétences en négociation et en communication<\/span><span class="bar" style="width:17%" aria-hidden="true"><\/span><span class="n">17 <small>\(lacune\)<\/small>/);
    expect(res.text).toContain('style="width:75%"');
    expect(res.text).toContain('<h3>Compétences en négociation et en communication\u00a0: 17 sur 100</h3>');
    expect(res.text).toMatch(/Services utiles\u00a0: [^<]*négociation/i);
    expect(res.text).toContain('>Programme Négociation Sénégal</a>');
    expect(res.text).not.toContain('Vos résultats précédents');
  });
});

describe('When a signed-in firm takes the check twice on the site', () => {
  it('then each result is saved and shown at its own address, the history compares the last two, and another user gets 404', async () => {
    const firm = await signedIn(t, ['firm']);
    const first = await firm.agent.post('/readiness').type('form').send({ ...posted(2), _csrf: firm.csrf }).expect(303);
    const firstAt = String(first.headers.location);
    expect(firstAt).toMatch(/^\/readiness\/results\/[0-9a-f-]{36}$/);
    const shown = await firm.agent.get(firstAt).expect(200);
    expect(shown.text).toContain('Your result is saved.');
    const second = await firm.agent.post('/readiness').type('form').send({ ...posted(2, { 'answers.trust-1': '4', 'answers.quality-1': '0' }), _csrf: firm.csrf }).expect(303);
    const secondAt = String(second.headers.location);
    const page = await firm.agent.get(secondAt).expect(200);
    expect(page.text).toContain('Your past results');
    expect(page.text).toMatch(/<th scope="row">Trust: contractual, goodwill, competence<\/th><td>50<\/td><td>67<\/td><td><span class="trend-up"><span aria-hidden="true">▲ <\/span>up 17 points<\/span>/);
    expect(page.text).toMatch(/<th scope="row">Quality standards and capacity<\/th><td>50<\/td><td>33<\/td><td><span class="trend-down"><span aria-hidden="true">▼ <\/span>down 17 points<\/span>/);
    expect(page.text).toMatch(/<th scope="row">Clarity of motives and structures<\/th><td>50<\/td><td>50<\/td><td>no change/);
    expect((await firm.agent.get('/readiness').expect(200)).text).toContain(`href="${secondAt}"`);

    const other = await signedIn(t, ['firm']);
    await other.agent.get(secondAt).expect(404);
    const anonymous = await request(t.app).get(secondAt).expect(303);
    expect(anonymous.headers.location).toContain('/sign-in?next=');
  });

  it('then a form without the CSRF token is refused', async () => {
    const firm = await signedIn(t, ['firm']);
    await firm.agent.post('/readiness').type('form').send(posted(2)).expect(403);
  });
});
