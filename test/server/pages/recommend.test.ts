import request from 'supertest';
import { read, textIn } from './reader';
import { matchSite } from '../matchmaking-data';

const site = matchSite();

const need = 'country=UG&sector=C&firmSize=small&partnershipType=joint-venture&partnerCountries=DE&languages=fr';
const jsonLd = (text: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(text)?.[1] ?? 'null') as Record<string, unknown>;

describe('When a firm opens the recommendations page in Spanish', () => {
  it('then it finds a GET form with a labelled field for each part of its need', async () => {
    const res = await request(site.t.app).get('/recommend?lang=es');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="es"');
    expect(res.text).toContain('<h1>Encontrar el intermediario adecuado</h1>');
    expect(res.text).toMatch(/<form method="get" action="\/recommend"/);
    for (const [name, label] of [['country', 'Su país'], ['sector', 'Su sector'], ['firmSize', 'Tamaño de su empresa'], ['partnershipType', 'Tipo de asociación']]) {
      expect(res.text).toContain(`<label for="f-${name}">${label}`);
    }
    expect(res.text).toContain('<legend>Idiomas de trabajo</legend>');
    expect(res.text).not.toContain('id="results"');
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
    const kampala = res.text.indexOf(`href="/organizations/${site.d.kampala}"`);
    const berlin = res.text.indexOf(`href="/organizations/${site.d.berlin}"`);
    expect(kampala).toBeGreaterThan(0);
    expect(berlin).toBeGreaterThan(kampala);
    expect(res.text).toContain(`href="/programmes/${site.d.jointVenture}"`);
    expect(res.text).toContain('Adecuación: 72 de 100');
    expect(res.text).toContain('<li>Trabaja en su país, Uganda.</li>');
    expect(res.text).toContain('<li>Sus programas se dirigen a los países menos adelantados, como el suyo.</li>');
    expect(res.text).toContain('<li>Trabaja en francés.</li>');
    expect(res.text).not.toContain('Withdrawn Uganda Agency');
    expect(res.text).not.toContain('Pending Uganda Agency');
    // The form keeps the need it was sent with.
    expect(res.text).toContain('<option value="UG" selected>Uganda</option>');
    const ld = jsonLd(res.text);
    expect(ld['@type']).toBe('ItemList');
    expect((ld.itemListElement as Array<{ position: number; name: string }>)[0]).toMatchObject({ position: 1, name: 'Kampala Partnering Centre' });
  });

  it('then a need without a country or with an unknown choice is named in Spanish beside its field', async () => {
    const res = await request(site.t.app).get('/recommend?lang=es&country=&sector=Z');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Elija su país de la lista.');
    expect(res.text).toContain('Elija un valor de la lista.');
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain('href="#f-country"');
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
