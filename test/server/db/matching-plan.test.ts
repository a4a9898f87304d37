/**
 * The candidates a new record is matched against are read in time linear in the entries, whatever
 * the planner knows: the embedded database never gathers statistics, and after a run killed
 * half-way the old query read every record of the source once per entry of the country.
 * The plan is checked by the rows it reads (EXPLAIN ANALYZE), not by time.
 */
import { sql } from 'drizzle-orm';
import { candidateOrganizations, candidateOrganizationsQuery, entitiesByIdentifiers, addIdentifiers } from '../../../server/db/matching';
import { insertSource } from '../../../server/db/sync';
import { testApp, type TestApp } from '../../support';

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows of `relation` the plan read, over all its loops. */
function rowsRead(node: PlanNode, relation: string): number {
  const own =
    node['Relation Name'] === relation
      ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * (node['Actual Loops'] ?? 1)
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, relation), 0);
}

const SOURCE_ENTRIES = 3000;
let t: TestApp;
let sourceId: string;
let others: string[];

/** Adds `n` Kenyan organizations, brought by `source` when given; returns their ids. */
async function organizations(n: number, label: string, source?: string): Promise<string[]> {
  const rows = await t.ctx.database.rows<{ id: string }>(sql`
    insert into organizations (name, kind, country) select ${label} || ' ' || i, 'other', 'KE' from generate_series(1, ${n}::int) i returning id`);
  const ids = rows.map((r) => r.id);
  if (source) {
    await t.ctx.database.rows(sql`
      insert into provenance (source_id, entity_type, entity_id, external_id)
      select ${source}::uuid, 'organization', id, ${label} || '-' || id from unnest(${`{${ids.join(',')}}`}::uuid[]) as id`);
  }
  return ids;
}

beforeAll(async () => {
  t = await testApp();
  const db = t.ctx.database.db;
  sourceId = (await insertSource(db, { name: 'Half-read feed', network: 'empretec', connector: 'json', url: 'http://127.0.0.1:9/a.json' })).id;
  const otherSource = (await insertSource(db, { name: 'Another network', network: 'waipa', connector: 'json', url: 'http://127.0.0.1:9/b.json' })).id;
  // What a run killed half-way leaves: thousands of entries of the source, and a few others.
  await organizations(SOURCE_ENTRIES, 'Fed centre', sourceId);
  others = [...(await organizations(20, 'Other network centre', otherSource)), ...(await organizations(5, 'Agency-made centre'))];
}, 120_000);
afterAll(() => t.close());

describe('When a source already brought thousands of entries of a country', () => {
  it('then its candidates are the entries it did not bring, read with one probe of provenance per entry', async () => {
    const found = await candidateOrganizations(t.ctx.database.db, sourceId, 'KE');
    expect(found.map((c) => c.id).sort()).toEqual([...others].sort());

    const [row] = await t.ctx.database.rows<Record<string, unknown>>(sql`explain (analyze, format json) ${candidateOrganizationsQuery(sourceId, 'KE')}`);
    const raw = Object.values(row!)[0];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    const entries = SOURCE_ENTRIES + others.length;
    // Each entry has one provenance row (none for the agency's own): a linear plan reads about that many.
    // The quadratic one read the source's rows again for each entry of the country: millions.
    expect(rowsRead(plan[0]!.Plan, 'provenance')).toBeLessThanOrEqual(2 * entries);
  });

  it('then an identifier the source itself gave never matches its own entry, and another source\'s does', async () => {
    const [own] = await organizations(1, 'Own', sourceId);
    const [theirs] = others;
    await addIdentifiers(t.ctx.database.db, 'organization', [
      { entityId: own!, scheme: 'empretec', value: 'E-1', sourceId },
      { entityId: theirs!, scheme: 'waipa', value: 'W-1', sourceId: null },
    ]);
    const found = await entitiesByIdentifiers(t.ctx.database.db, 'organization', sourceId, [
      { scheme: 'empretec', value: 'E-1' },
      { scheme: 'waipa', value: 'W-1' },
    ]);
    expect([...found.values()]).toEqual([{ entityId: theirs, country: 'KE' }]);
  });
});
