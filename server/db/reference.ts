/** Stores the reference data tables and answers which version is loaded. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { countries, referenceVersions, regions, sectors, settings } from './schema';
import type { Reference } from '../reference';

const VERSION_KEY = 'reference';

export async function loadedReferenceHash(db: Db): Promise<string | undefined> {
  const [row] = await db.select().from(referenceVersions).where(eq(referenceVersions.name, VERSION_KEY));
  return row?.hash;
}

/** Replaces the reference tables' content with `ref` (upserts: rows in use are never dropped). */
export async function storeReference(db: Db, ref: Reference): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(regions)
      .values(
        ref.regions.map((r) => ({ code: r.code, level: r.level, parent: r.parent, nameEn: r.names.en, nameFr: r.names.fr, nameEs: r.names.es })),
      )
      .onConflictDoUpdate({
        target: regions.code,
        set: { level: sql`excluded.level`, parent: sql`excluded.parent`, nameEn: sql`excluded.name_en`, nameFr: sql`excluded.name_fr`, nameEs: sql`excluded.name_es` },
      });
    await tx
      .insert(countries)
      .values(
        ref.countries.map((c) => ({
          alpha2: c.alpha2,
          alpha3: c.alpha3,
          m49: c.m49,
          region: c.region,
          subregion: c.subregion,
          intermediateRegion: c.intermediateRegion,
          nameEn: c.names.en,
          nameFr: c.names.fr,
          nameEs: c.names.es,
          variants: c.variants,
          status: c.status,
          ldc: c.ldc,
          lldc: c.lldc,
          sids: c.sids,
        })),
      )
      .onConflictDoUpdate({
        target: countries.alpha2,
        set: {
          alpha3: sql`excluded.alpha3`,
          m49: sql`excluded.m49`,
          region: sql`excluded.region`,
          subregion: sql`excluded.subregion`,
          intermediateRegion: sql`excluded.intermediate_region`,
          nameEn: sql`excluded.name_en`,
          nameFr: sql`excluded.name_fr`,
          nameEs: sql`excluded.name_es`,
          variants: sql`excluded.variants`,
          status: sql`excluded.status`,
          ldc: sql`excluded.ldc`,
          lldc: sql`excluded.lldc`,
          sids: sql`excluded.sids`,
        },
      });
    await tx
      .insert(sectors)
      .values(ref.sectors.map((s) => ({ code: s.code, section: s.section, nameEn: s.names.en, nameFr: s.names.fr ?? null, nameEs: s.names.es ?? null })))
      .onConflictDoUpdate({
        target: sectors.code,
        set: { section: sql`excluded.section`, nameEn: sql`excluded.name_en`, nameFr: sql`excluded.name_fr`, nameEs: sql`excluded.name_es` },
      });
    await tx
      .insert(referenceVersions)
      .values({ name: VERSION_KEY, hash: ref.hash })
      .onConflictDoUpdate({ target: referenceVersions.name, set: { hash: ref.hash, loadedAt: sql`now()` } });
  });
}

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value;
}

/** Stores `value` unless the key is already set; returns the value that holds (first writer wins). */
export async function ensureSetting(db: Db, key: string, value: string): Promise<string> {
  await db.insert(settings).values({ key, value }).onConflictDoNothing();
  return (await getSetting(db, key)) ?? value;
}
