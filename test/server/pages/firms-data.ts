/** A small directory for the firms' pages' tests: a few agencies and programmes around Ghana, and hostile text. */
import request from 'supertest';
import type { AppContext } from '../../../server/context';
import { makeCase, makeOrganization, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';

export interface FirmsData {
  gipc: string;
  empretec: string;
  giz: string;
  kenya: string;
  northSouth: string;
  southSouth: string;
  triangular: string;
  caseId: string;
  hostile: { organization: string; programme: string; caseId: string };
}

/** Script in names and descriptions, as a careless or hostile feed could send them. */
export const SCRIPT = '<script>alert(1)</script>';
export const ONERROR = '<img src=x onerror=alert(2)>';

export async function firmsData(ctx: AppContext, { ugandans = 0 } = {}): Promise<FirmsData> {
  const gipc = await makeOrganization(ctx, {
    name: 'Ghana Investment Promotion Centre',
    acronym: 'GIPC',
    country: 'GH',
    networks: ['waipa'],
    sectors: ['C'],
    services: ['partner-search'],
    languages: ['en', 'fr'],
    address: { street: '1 Rangoon Close', city: 'Accra' },
    website: 'https://gipc.gov.gh',
  });
  const empretec = await makeOrganization(ctx, { name: 'Empretec Ghana Foundation', kind: 'entrepreneurship-centre', country: 'GH', networks: ['empretec'], sectors: ['A'] });
  const giz = await makeOrganization(ctx, { name: 'Deutsche Gesellschaft für Internationale Zusammenarbeit', acronym: 'GIZ', kind: 'development-agency', country: 'DE' });
  const kenya = await makeOrganization(ctx, { name: 'Kenya Investment Authority', acronym: 'KenInvest', country: 'KE', networks: ['waipa'] });
  for (let i = 1; i <= ugandans; i += 1) await makeOrganization(ctx, { name: `Uganda Agency ${String(i).padStart(2, '0')}`, country: 'UG', kind: 'business-association' });
  const northSouth = await makeProgramme(ctx, { name: 'German-Ghanaian Joint Ventures', originCountries: ['DE'], targetCountries: ['GH'], partnershipTypes: ['joint-venture'] }, [giz]);
  const southSouth = await makeProgramme(ctx, { name: 'Ghana–Côte d’Ivoire Supplier Links', originCountries: ['GH'], targetCountries: ['CI'], partnershipTypes: ['supplier-linkage'] }, [gipc]);
  const triangular = await makeProgramme(ctx, { name: 'Kenya–Ghana Technology Bridge', originCountries: ['KE'], targetCountries: ['GH'], funderCountries: ['DE'], partnershipTypes: ['technology-licensing'] }, [kenya]);
  const caseId = await makeCase(ctx, { title: 'Cocoa processors meet Ivorian buyers', countries: ['GH', 'CI'], programmeId: southSouth, partnershipType: 'supplier-linkage', year: 2021, partners: [{ name: 'Accra Cocoa Ltd', country: 'GH' }] }, [gipc]);
  const organization = await makeOrganization(ctx, { name: `Togo Agency ${SCRIPT}`, acronym: ONERROR, country: 'TG', description: `Helps firms ${ONERROR}`, networks: ['waipa'] });
  const programme = await makeProgramme(ctx, { name: `Togo Links ${SCRIPT}`, description: ONERROR, originCountries: ['TG'], targetCountries: ['GH'] }, [organization]);
  const hostileCase = await makeCase(ctx, { title: `Togo case ${SCRIPT}`, summary: ONERROR, outcome: SCRIPT, countries: ['TG'], programmeId: programme }, [organization]);
  return { gipc, empretec, giz, kenya, northSouth, southSouth, triangular, caseId, hostile: { organization, programme, caseId: hostileCase } };
}

/** The page's JSON-LD, parsed; a page without one fails the test. */
export function jsonLdOf(page: string): Record<string, unknown> {
  const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1];
  if (!block) throw new Error('the page has no JSON-LD block');
  return JSON.parse(block) as Record<string, unknown>;
}

export interface FirmsSite {
  t: TestApp;
  d: FirmsData;
  /** A page as a reader of `lang` asks for it. */
  get(path: string, lang?: string): request.Test;
}

/** Registers hooks that build an app with `firmsData` for the calling test file, and close it after. */
export function firmsSite(options: { ugandans?: number } = {}): FirmsSite {
  const site = {
    get(path: string, lang = 'en') {
      return request(site.t.app).get(path).set('Accept-Language', lang);
    },
  } as FirmsSite;
  beforeAll(async () => {
    site.t = await testApp();
    site.d = await firmsData(site.t.ctx, options);
  });
  afterAll(() => site.t?.close());
  return site;
}
