/** The readiness check's pages: the questionnaire, errors kept in French, results, history and privacy. */
import request from 'supertest';
import { makeProgramme } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';
import { questionIds } from '../../../server/readiness/questions';
import { choices, hrefOf, langOf, links, read, rows, textIn, type Read } from './reader';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await makeProgramme(t.ctx, { name: 'Programme Négociation Sénégal', originCountries: ['FR'], targetCountries: ['SN'], services: ['negotiation-support'] });
});
afterAll(() => t.close());

/** The radio of `name` that carries `value`: whether it is there, required and checked. */
const radio = ($: Read, name: string, value: string) => {
  const input = $(`input[type=radio][name="${name}"][value="${value}"]`);
  return { present: input.length === 1, required: input.attr('required') !== undefined, checked: input.attr('checked') !== undefined };
};
/** The bars of the results: each criterion's name, its bar's length and the number beside it, and whether it is marked a gap. */
const bars = ($: Read) =>
  $('li:has(.bar)')
    .toArray()
    .map((li) => ({ label: $(li).children('span').first().text(), style: $(li).find('.bar').attr('style'), n: $(li).find('.n').text().replace(/\s+/g, ' '), gap: $(li).hasClass('gap') }));

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
    const $ = read(res.text);
    expect(langOf($)).toBe('fr');
    expect(textIn($, 'h1')).toBe('Test de préparation au partenariat');
    expect($('fieldset.criterion')).toHaveLength(8);
    expect($('fieldset.criterion fieldset.question')).toHaveLength(24);
    expect($('fieldset.criterion > legend').map((_, l) => $(l).text()).get()).toContain('Clarté des motivations et des structures');
    expect(radio($, 'answers.trust-2', '4').present).toBe(true);
    expect(textIn($, 'fieldset.question')).toContain('Entièrement');
    expect(JSON.parse($('script[type="application/ld+json"]').text())).toMatchObject({ '@type': 'WebPage', inLanguage: 'fr' });
  });

  it('then a missing answer comes back (400) in French, tied to its group, with every other answer kept', async () => {
    const res = await request(t.app).post('/readiness?lang=fr').type('form').send(posted(3, { 'answers.culture-2': undefined, country: 'SN' })).expect(400);
    const $ = read(res.text);
    expect(textIn($, 'title')).toMatch(/^Erreur\u00a0: Test de préparation au partenariat/);
    // The summary's link leads to the question's group, which can take the focus and names its error.
    expect(hrefOf($, 'Nous avons visité le pays ou la région du partenaire, ou nous y avons des contacts\u00a0: Choisissez une réponse de 0 à 4.')).toBe('#f-answers-culture-2');
    const group = $('#f-answers-culture-2');
    expect(group.is('fieldset.question.invalid[tabindex="-1"]')).toBe(true);
    expect(textIn($, `#${group.attr('aria-describedby')}`)).toBe('Choisissez une réponse de 0 à 4.');
    expect(radio($, 'answers.culture-1', '3')).toEqual({ present: true, required: true, checked: true });
    expect(radio($, 'answers.culture-2', '3')).toEqual({ present: true, required: true, checked: false });
    expect(choices($, 'country')).toContainEqual({ value: 'SN', text: 'Sénégal', selected: true });
  });

  it('then an answer outside the scale is refused too', async () => {
    const res = await request(t.app).post('/readiness').type('form').send(posted(2, { 'answers.trust-1': '7' })).expect(400);
    expect(textIn(read(res.text), '#f-answers-trust-1-error')).toBe('Choose an answer from 0 to 4.');
  });

  it('then a complete anonymous answer shows the scores as bars, the overall and the gaps with services and programmes, saving nothing', async () => {
    const res = await request(t.app).post('/readiness?lang=fr').type('form').send(posted(3, { 'answers.negotiation-1': '0', 'answers.negotiation-2': '1', 'answers.negotiation-3': '1', country: 'SN' })).expect(200);
    const $ = read(res.text);
    expect(textIn($, 'h1')).toBe('Votre résultat de préparation');
    expect($('strong').map((_, el) => $(el).text()).get()).toContain('Préparation globale\u00a0: 68 sur 100');
    // negotiation: 2 of 12 → 17, a gap; the rest 75; overall 65 of 96 → 68.
    const all = bars($);
    expect(all).toContainEqual({ label: 'Compétences en négociation et en communication', style: 'width:17%', n: '17 (lacune)', gap: true });
    expect(all.filter((b) => !b.gap).map((b) => b.style)).toEqual(Array(7).fill('width:75%'));
    expect($('h3').map((_, h) => $(h).text()).get()).toContain('Compétences en négociation et en communication\u00a0: 17 sur 100');
    expect(textIn($, 'main')).toMatch(/Services utiles\u00a0: [^.]*négociation/i);
    expect(links($, 'main').map((l) => l.text)).toContain('Programme Négociation Sénégal');
    expect(textIn($, 'main')).not.toContain('Vos résultats précédents');
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
    const $ = read(page.text);
    expect(textIn($, 'main')).toContain('Your past results');
    // The comparison table: each criterion a row (its name a row header), the two scores, the trend in words; the arrow is hidden from screen readers.
    const history = rows($, 'table:has(th[scope=row])');
    expect(history).toContainEqual(['Trust: contractual, goodwill, competence', '50', '67', '▲ up 17 points']);
    expect(history).toContainEqual(['Quality standards and capacity', '50', '33', '▼ down 17 points']);
    expect(history).toContainEqual(['Clarity of motives and structures', '50', '50', 'no change']);
    expect($('th[scope=row]').filter((_, th) => $(th).text() === 'Trust: contractual, goodwill, competence').siblings().find('.trend-up [aria-hidden=true]').text()).toBe('▲ ');
    expect($('th[scope=row]').filter((_, th) => $(th).text() === 'Quality standards and capacity').siblings().find('.trend-down [aria-hidden=true]').text()).toBe('▼ ');
    expect(links(read((await firm.agent.get('/readiness').expect(200)).text)).map((l) => l.href)).toContain(secondAt);

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
