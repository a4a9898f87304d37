/** Generates synthetic organizations inside the database (generate_series), for benchmarks. */
import { sql } from 'drizzle-orm';
import type { Database } from '../../server/db/client';
import { organizationKinds, services } from '../../server/reference/vocabularies';

const words = [
  'investment', 'promotion', 'agency', 'export', 'trade', 'chamber', 'commerce', 'industry', 'enterprise',
  'development', 'technology', 'innovation', 'centre', 'council', 'board', 'authority', 'foundation',
  'association', 'business', 'network', 'entrepreneurship', 'agricultural', 'manufacturing', 'textile',
  'digital', 'energy', 'tourism', 'mining', 'logistics', 'cooperative', 'regional', 'national', 'partnership',
  'linkage', 'supplier', 'agence', 'agencia', 'promoción', 'inversión', 'chambre', 'cámara', 'comercio',
  'desarrollo', 'développement', 'industrie', 'fundación', 'empresas', 'pme', 'incubateur', 'tecnológico',
];
const syllables = ['ka', 'lo', 'mi', 'ra', 'to', 'ne', 'sa', 'vu', 'di', 'po', 'ze', 'bi', 'gu', 'ha', 'ju', 'ko', 'ma', 'nu', 'ri', 'wa'];
const networks = ['waipa', 'empretec', 'een', 'regional-ipa', 'afdb', 'asean'];

const lit = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`);
const pick = (arr: string) => sql.raw(`${arr}[1 + floor(random() * array_length(${arr}, 1))::int]`);

/** Inserts `n` organizations in batches, calling `progress` after each batch. */
export async function generateOrganizations(database: Database, n: number, progress: (done: number) => void, batch = 50_000): Promise<void> {
  for (let done = 0; done < n; done += batch) {
    const size = Math.min(batch, n - done);
    await database.rows(sql`
      with v as (
        select ${lit(words)} as w, ${lit(syllables)} as s, ${lit(organizationKinds)} as k, ${lit(services)} as sv,
               ${lit(networks)} as nw, (select array_agg(alpha2::text) from countries where region is not null) as c,
               ${lit('ABCDEFGHIJKLMNOPQRSTU'.split(''))} as sec
      )
      insert into organizations (name, acronym, kind, country, description, services, sectors, languages, networks, website)
      select
        initcap(${pick('v.w')} || ' ' || ${pick('v.s')} || ${pick('v.s')} || ${pick('v.s')} || ' ' || ${pick('v.w')} || ' ' || ${pick('v.w')}),
        upper(${pick('v.s')} || ${pick('v.s')}),
        ${pick('v.k')},
        ${pick('v.c')},
        'Helps firms find partners in ' || ${pick('v.w')} || ' and ' || ${pick('v.w')} || '; ' || ${pick('v.s')} || ${pick('v.s')} || ' programme.',
        array[${pick('v.sv')}, ${pick('v.sv')}],
        array[${pick('v.sec')}],
        array['en'],
        case when random() < 0.3 then array[${pick('v.nw')}] else '{}'::text[] end,
        'https://org' || g || '.example'
      from v, generate_series(1, ${size}) g`);
    progress(done + size);
  }
}
