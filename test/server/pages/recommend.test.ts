import request from 'supertest';
import { choices, describedBy, labelOf, langOf, links, read, textIn, textsOf } from './reader';
import { matchSite } from '../matchmaking-data';

const site = matchSite();

const need = 'country=UG&sector=C&firmSize=small&partnershipType=joint-venture&partnerCountries=DE&languages=fr';
const jsonLd = (text: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(text)?.[1] ?? 'null') as Record<string, unknown>;

describe('When a firm opens the recommendations page in Spanish', () => {
  it('then it finds a GET form with a labelled field for each part of its need', async () => {
    const res = await request(site.t.app).get('/recommend?lang=es');
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect(langOf($)).toBe('es');
    expect(textIn($, 'h1')).toBe('Encontrar el intermediario adecuado');
    const form = $('main form').filter((_, f) => $(f).attr('action') === '/recommend');
    expect(form.attr('method')).toBe('get');
    for (const [name, label] of [['country', 'Su país'], ['sector', 'Su sector'], ['firmSize', 'Tamaño de su empresa'], ['partnershipType', 'Tipo de asociación']] as const) {
      expect(labelOf($, name, 'main form')).toMatch(new RegExp(`^${label}`));
    }
    expect(textsOf($, 'main form legend')).toContain('Idiomas de trabajo');
    expect($('#results').length).toBe(0);
  });

  it('then it ticks partner countries as checkboxes folded by region, without Ctrl-click, and a ticked country’s region stays open', async () => {
    const $ = read((await request(site.t.app).get(`/recommend?lang=fr&${need}&partnerCountries=CI`)).text);
    const choice = $('fieldset#f-partnerCountries');
    expect(choice.find('legend').text()).toBe('Pays où vous cherchez des partenaires');
    expect(textIn($, '#f-partnerCountries-hint')).not.toMatch(/Ctrl/);
    expect($('select[multiple]').length).toBe(0);
    const regions = choice.find('details > summary').map((_, el) => $(el).text()).get();
    expect(regions).toEqual(['Afrique (1)', 'Amériques', 'Asie', 'Europe (1)', 'Océanie']);
    expect(choice.find('details[open] > summary').map((_, el) => $(el).text()).get()).toEqual(['Afrique (1)', 'Europe (1)']);
    expect(choice.find('input[type=checkbox]:checked').map((_, el) => $(el).attr('value')).get().sort()).toEqual(['CI', 'DE']);
    const ivory = choice.find('input[value=CI]');
    expect($(`label:has(#${ivory.attr('id')})`).text().trim()).toBe("Côte d'Ivoire");
    expect(choice.find('input[value=AQ]').length).toBe(0);
  });

  it('then each result’s score line takes the whole width and its bar goes on a track of one width under it', async () => {
    const $ = read((await request(site.t.app).get(`/recommend?${need}`)).text);
    const fit = $('#match-organizations .fit').first();
    expect(fit.find('.score').text()).toMatch(/^Fit: \d+ out of 100 · /);
    expect(fit.find('.track > .bar').attr('style')).toMatch(/^width:\d+%$/);
    expect($('style').text()).toContain('.fit .score,.fit .track{display:block}');
  });

  it('then its results are ranked, linked, explained in Spanish sentences, and listed in JSON-LD', async () => {
    const res = await request(site.t.app).get(`/recommend?lang=es&${need}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Encajan 3 intermediarios y 2 programas.');
    const $ = read(res.text);
    const results = links($, '#results').map((l) => l.href);
    const kampala = results.indexOf(`/organizations/${site.d.kampala}`);
    expect(kampala).toBeGreaterThanOrEqual(0);
    expect(results.indexOf(`/organizations/${site.d.berlin}`)).toBeGreaterThan(kampala);
    expect(results).toContain(`/programmes/${site.d.jointVenture}`);
    expect(textIn($, '#results')).toContain('Adecuación: 72 de 100');
    expect(textsOf($, '#results .reasons > li')).toEqual(
      expect.arrayContaining(['Trabaja en su país, Uganda.', 'Sus programas se dirigen a los países menos adelantados, como el suyo.', 'Trabaja en francés.']),
    );
    expect(res.text).not.toContain('Withdrawn Uganda Agency');
    expect(res.text).not.toContain('Pending Uganda Agency');
    // The form keeps the need it was sent with.
    expect(choices($, 'country').filter((c) => c.selected)).toEqual([{ value: 'UG', text: 'Uganda', selected: true }]);
    const ld = jsonLd(res.text);
    expect(ld['@type']).toBe('ItemList');
    expect((ld.itemListElement as Array<{ position: number; name: string }>)[0]).toMatchObject({ position: 1, name: 'Kampala Partnering Centre' });
  });

  it('then a need without a country or with an unknown choice is named in Spanish beside its field', async () => {
    const res = await request(site.t.app).get('/recommend?lang=es&country=&sector=Z');
    expect(res.status).toBe(400);
    const $ = read(res.text);
    expect(describedBy($, 'country')).toContain('Elija su país de la lista.');
    expect(describedBy($, 'sector')).toContain('Elija un valor de la lista.');
    expect($('[name="country"]').attr('aria-invalid')).toBe('true');
    expect(links($, '.error-summary').map((l) => l.href)).toContain('#f-country');
  });
});

describe('When a firm arrives on the home page', () => {
  it('then it finds the way to the recommendations, the readiness check and the progress figures, in its language', async () => {
    const res = await request(site.t.app).get('/?lang=fr');
    for (const [path, words] of [['/recommend', 'Trouver'], ['/readiness', ''], ['/progress', '']]) {
      expect(res.text).toMatch(new RegExp(`<a href="${path}">${words}`));
    }
    expect((await request(site.t.app).get('/readiness?lang=fr')).status).toBe(200);
    expect((await request(site.t.app).get('/progress?lang=fr')).status).toBe(200);
  });
});
