/** A small hand-built directory for the recommendation tests, with the scores README.md works out. */
import type { AppContext } from '../../server/context';
import { makeOrganization, makeProgramme } from '../factories';
import { testApp, type TestApp } from '../support';

export interface MatchData {
  kampala: string;
  berlin: string;
  entebbeOld: string;
  nairobi: string;
  withdrawn: string;
  pending: string;
  deleted: string;
  jointVenture: string;
  kenyaSuppliers: string;
  closed: string;
  withdrawnProgramme: string;
}

const twoYearsAgo = () => new Date(Date.now() - 2 * 365 * 24 * 3600 * 1000);

export async function matchData(ctx: AppContext): Promise<MatchData> {
  const kampala = await makeOrganization(ctx, {
    name: 'Kampala Partnering Centre',
    country: 'UG',
    sectors: ['10'],
    services: ['partner-search', 'follow-up-until-deal', 'training'],
    languages: ['en'],
  });
  const berlin = await makeOrganization(ctx, { name: 'Berlin Partnering Desk', country: 'DE', sectors: ['C'], services: ['training'], languages: ['de', 'fr'] });
  const entebbeOld = await makeOrganization(ctx, { name: 'Entebbe Trade Office', country: 'UG', confirmedAt: twoYearsAgo(), updatedAt: twoYearsAgo() });
  const nairobi = await makeOrganization(ctx, { name: 'Nairobi Farm Link', country: 'KE', sectors: ['A'] });
  const withdrawn = await makeOrganization(ctx, { name: 'Withdrawn Uganda Agency', country: 'UG', sectors: ['C'], withdrawnAt: new Date() });
  const pending = await makeOrganization(ctx, { name: 'Pending Uganda Agency', country: 'UG', sectors: ['C'], state: 'pending' });
  const deleted = await makeOrganization(ctx, { name: 'Deleted Uganda Agency', country: 'UG', sectors: ['C'], deletedAt: new Date() });
  const jointVenture = await makeProgramme(
    ctx,
    {
      name: 'Uganda-Germany Joint Ventures',
      originCountries: ['DE'],
      targetCountries: ['UG'],
      partnershipTypes: ['joint-venture'],
      sectors: ['C'],
      firmSizes: ['small', 'medium'],
      services: ['partner-search'],
    },
    [kampala],
  );
  const kenyaSuppliers = await makeProgramme(ctx, { name: 'Kenya Supplier Linkages', originCountries: ['FR'], targetCountries: ['KE'], partnershipTypes: ['supplier-linkage'], sectors: ['C'] }, [berlin]);
  const closed = await makeProgramme(ctx, { name: 'Closed Uganda Programme', originCountries: ['DE'], targetCountries: ['UG'], sectors: ['C'], status: 'closed' });
  const withdrawnProgramme = await makeProgramme(ctx, { name: 'Withdrawn Uganda Programme', originCountries: ['DE'], targetCountries: ['UG'], sectors: ['C'], withdrawnAt: new Date() });
  return { kampala, berlin, entebbeOld, nairobi, withdrawn, pending, deleted, jointVenture, kenyaSuppliers, closed, withdrawnProgramme };
}

/** The need of the README's worked example: a small Ugandan manufacturer seeking a German joint-venture partner. */
export const ugandanNeed = { country: 'UG', sector: 'C', firmSize: 'small', partnershipType: 'joint-venture', partnerCountries: ['DE'], languages: ['fr'] };

/** A fresh app with the match directory for one test file; `t` and `d` are set once beforeAll has run. */
export function matchSite(): { t: TestApp; d: MatchData } {
  const site = {} as { t: TestApp; d: MatchData };
  beforeAll(async () => {
    site.t = await testApp();
    site.d = await matchData(site.t.ctx);
  });
  afterAll(async () => {
    await site.t?.close();
  });
  return site;
}
