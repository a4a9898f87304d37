import request from 'supertest';
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
    for (const [name, label] of [['country', 'Su país'], ['sector', 'Su sector'], ['firmSize', 'Tamaño de su empresa'], ['partnershipType', 'Tipo de asociación'], ['partnerCountries', 'Países donde busca socios']]) {
      expect(res.text).toContain(`<label for="f-${name}">${label}`);
    }
    expect(res.text).toContain('<legend>Idiomas de trabajo</legend>');
    expect(res.text).not.toContain('id="results"');
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
