import request from 'supertest';
import { makeOrganization } from '../../factories';
import { testApp, type TestApp } from '../../support';
import { read } from './reader';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  // One organization each: every country ties, and codes order them otherwise than their names do.
  for (const country of ['EE', 'EG', 'ER', 'AT', 'DE']) await makeOrganization(t.ctx, { country });
  await makeOrganization(t.ctx, { country: 'ZA' });
  await makeOrganization(t.ctx, { country: 'ZA' });
}, 60000);
afterAll(() => t.close());

const bars = async (lang: string) => {
  const $ = read((await request(t.app).get(`/progress?lang=${lang}`)).text);
  return $('#organizationsByCountry .stats-bars li').map((_, li) => $(li).find('span').first().text()).get();
};

describe('When a reader opens /progress and several countries have as many entries', () => {
  it('then the larger count comes first and the ties read in alphabetical order of the reader’s language, accents included', async () => {
    expect(await bars('fr')).toEqual(['Afrique du Sud', 'Allemagne', 'Autriche', 'Égypte', 'Érythrée', 'Estonie']);
    expect(await bars('en')).toEqual(['South Africa', 'Austria', 'Egypt', 'Eritrea', 'Estonia', 'Germany']);
    expect(await bars('es')).toEqual(['Sudáfrica', 'Alemania', 'Austria', 'Egipto', 'Eritrea', 'Estonia']);
  });
});
