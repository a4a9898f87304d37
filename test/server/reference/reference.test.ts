import { sql } from 'drizzle-orm';
import { rederiveDirections } from '../../../server/commands/sync-reference';
import { loadReference, type Reference } from '../../../server/reference';
import { deriveDirection } from '../../../server/reference/direction';
import { makeProgramme } from '../../factories';
import { testApp } from '../../support';

const ref = loadReference();

describe('When a feed names a country in any common form', () => {
  it.each([
    ['CI', 'CI'],
    ['civ', 'CI'],
    ["Côte d'Ivoire", 'CI'],
    ['cote d ivoire', 'CI'],
    ['Ivory Coast', 'CI'],
    ['Türkiye', 'TR'],
    ['Turkey', 'TR'],
    ['Viet Nam', 'VN'],
    ['Vietnam', 'VN'],
    ['Tanzania, United Republic of', 'TZ'],
    ['Bolivia (Plurinational State of)', 'BO'],
    ['  Brésil ', 'BR'],
    ['Allemagne', 'DE'],
    ['Perú', 'PE'],
    ['Republic of Korea', 'KR'],
    ['UK', 'GB'],
  ])('then "%s" resolves to %s', (input, alpha2) => {
    expect(ref.resolveCountry(input)?.alpha2).toBe(alpha2);
  });

  it('then an unknown name resolves to nothing', () => {
    expect(ref.resolveCountry('Atlantis')).toBeUndefined();
  });
});

describe('When the reference data is read', () => {
  it('then it covers every ISO country with M49 codes, UNCTAD status and LDC flags', () => {
    expect(ref.countries).toHaveLength(249);
    expect(ref.countries.filter((c) => c.ldc).length).toBeGreaterThanOrEqual(40);
    expect(ref.countryByAlpha2.get('ET')).toMatchObject({ m49: '231', region: '002', status: 'developing', ldc: true, lldc: true });
    expect(ref.countryByAlpha2.get('DE')?.status).toBe('developed');
    expect(ref.countryByAlpha2.get('KZ')?.status).toBe('transition');
    expect(ref.sectorByCode.get('C')?.names.fr).toBeTruthy();
  });
});

describe('When a direction is derived', () => {
  const d = (origin: string[], target: string[], supporters: string[] = []) => deriveDirection({ origin, target, supporters }, ref.statusOf);
  it('then it follows the development status of the countries', () => {
    expect(d(['DE'], ['GH', 'KE'])).toBe('north-south');
    expect(d(['GH'], ['CI'])).toBe('south-south');
    expect(d(['KZ'], ['UZ'])).toBe('south-south');
    expect(d(['TH'], ['KH'], ['JP'])).toBe('triangular');
    expect(d(['FR'], ['DE'])).toBe('north-north');
    expect(d([], [])).toBeNull();
  });

  it('then a change of a country status re-derives every stored direction', async () => {
    const t = await testApp();
    try {
      const id = await makeProgramme(t.ctx, { originCountries: ['KR'], targetCountries: ['VN'] });
      const before = await t.ctx.database.rows<{ direction: string }>(sql`select direction from programmes where id = ${id}`);
      expect(before[0]?.direction).toBe('north-south');
      const changed: Reference = { ...ref, statusOf: (a) => (a === 'KR' ? 'developing' : ref.statusOf(a)) };
      expect(await rederiveDirections(t.ctx.database.db, changed)).toBe(1);
      const after = await t.ctx.database.rows<{ direction: string }>(sql`select direction from programmes where id = ${id}`);
      expect(after[0]?.direction).toBe('south-south');
    } finally {
      await t.close();
    }
  });
});
