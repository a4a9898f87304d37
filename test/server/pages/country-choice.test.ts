/**
 * When a form asks for several countries, then the reader ticks them in their region: no form
 * asks for Ctrl-click in a multiple select, on a phone or a desktop.
 */
import { makeOrganization } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';
import { read, textIn, type Read } from './reader';

let t: TestApp;
let agencyId: string;
beforeAll(async () => {
  t = await testApp();
  agencyId = await makeOrganization(t.ctx, { name: 'Agence de Lyon', country: 'FR' });
});
afterAll(() => t.close());

/** The country fields of a page, each with its legend and hint, and whether any multiple select is left. */
function countryFields($: Read, names: string[]) {
  return {
    multiSelects: $('select[multiple]').length,
    fields: names.map((name) => ({
      legend: textIn($, `fieldset#f-${name} > legend`),
      hint: textIn($, `#f-${name}-hint`),
      regions: $(`fieldset#f-${name} details summary`).length,
      senegal: $(`fieldset#f-${name} input[type=checkbox][value=SN]`).length,
    })),
  };
}

describe('When an agency adds a programme or a case', () => {
  it('then origin, target and funder countries, and a case’s countries, are ticked by region, in the reader’s language', async () => {
    const agency = await signedIn(t, ['agency-editor'], [agencyId]);
    const programme = read((await agency.agent.get(`/account/programmes/new?organization=${agencyId}&lang=fr`)).text);
    const found = countryFields(programme, ['originCountries', 'targetCountries', 'funderCountries']);
    expect(found.multiSelects).toBe(0);
    expect(found.fields.map((f) => f.legend)).toEqual(['Pays d’origine (pays des entreprises)', 'Pays cibles (pays des partenaires)', 'Pays des bailleurs']);
    for (const f of found.fields) {
      expect(f.hint).toMatch(/Ouvrez une région et cochez chaque pays/);
      expect(f.hint).not.toMatch(/Ctrl/);
      expect(f.regions).toBe(5);
      expect(f.senegal).toBe(1);
    }
    const caseForm = read((await agency.agent.get(`/account/cases/new?lang=es`)).text);
    expect(caseForm('select[multiple]').length).toBe(0);
    expect(textIn(caseForm, '#f-countries-hint')).toBe('Abra una región y marque cada país.');
  });
});

describe('When a firm asks for an introduction', () => {
  it('then its partner countries are ticked by region, and what it ticked is kept when the form comes back with an error', async () => {
    const firm = await signedIn(t, ['firm']);
    const form = read((await firm.agent.get(`/introductions/new?organization=${agencyId}&lang=en`)).text);
    expect(form('select[multiple]').length).toBe(0);
    expect(textIn(form, '#f-partnerCountries-hint')).toBe('Open a region and tick every country where you look for partners.');
    const back = await firm.agent.post('/introductions/new?lang=en').type('form').send({ _csrf: firm.csrf, organizationId: agencyId, message: '', partnerCountries: ['SN', 'GH'] });
    expect(back.status).toBe(400);
    const $ = read(back.text);
    expect($('#f-partnerCountries input:checked').map((_, el) => $(el).val()).get()).toEqual(['GH', 'SN']);
    expect(textIn($, '#f-partnerCountries details[open] summary')).toBe('Africa (2)');
  });
});
