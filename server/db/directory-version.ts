import { sql } from 'drizzle-orm';
import type { Database } from './client';

/**
 * The directory's data version: the newest change number of each listed table, the reference
 * data's hash and the last source update, joined. Any write that a list page could show moves it.
 */
export async function directoryVersion(database: Database): Promise<string> {
  const [row] = await database.rows<{ v: string }>(sql`
    select concat_ws('.', (select max(change_seq) from organizations), (select max(change_seq) from programmes),
                          (select max(change_seq) from cases), (select hash from reference_versions limit 1),
                          -- A run that ends moves its source: the provenance lists show (lastSeen, withdrawnAt) may have changed.
                          (select max(updated_at) from sources)) as v`);
  return row?.v ?? '';
}
