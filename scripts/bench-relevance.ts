/**
 * `npm run bench:relevance`: how well search answers a firm's own words. Loads the demo set,
 * asks the API each labelled query of scripts/bench/relevance.json (acronyms, names, needs,
 * typos, places in English, French and Spanish) and prints, per query, where the first expected
 * entry came, then success at 3 (the share of queries with an expected entry among the first
 * three) and the mean reciprocal rank, overall, by language and by kind. A benchmark, not a test:
 * it reports, it does not fail. DATABASE_URL selects the server (a scratch database, dropped
 * after); otherwise the embedded database in memory.
 */
import { z } from 'zod';
import { seedDemo } from '../server/commands/seed-demo';
import { benchDirectory } from './bench/api-directory';
import { addressOf, DEPTH, meanReciprocalRank, rankOf, readLabelledSet, successAt3, type Labelled } from './bench/relevance-set';

const page = z.object({ total: z.number(), items: z.array(z.object({ name: z.string() })), nextCursor: z.string().nullish() });

/** Success at 3 and mean reciprocal rank of a group of ranks (0: not within DEPTH). */
function score(ranks: number[]) {
  return `success@3 ${successAt3(ranks).toFixed(2)}  MRR ${meanReciprocalRank(ranks).toFixed(2)}  (${ranks.length} queries)`;
}

function groupBy<K extends string>(rows: { query: Labelled; rank: number }[], key: (q: Labelled) => K): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  for (const { query, rank } of rows) groups.set(key(query), [...(groups.get(key(query)) ?? []), rank]);
  return groups;
}

async function main() {
  const set = { queries: readLabelledSet() };
  const directory = await benchDirectory({ listCacheSize: 0 });
  const { ctx } = directory;
  try {
    await seedDemo(ctx.database.db, ctx.reference);
    const base = await directory.serve();
    const get = async (url: string) => page.parse(await (await fetch(url)).json());

    // A label naming no demo entry would count as a miss for ever: the set is checked first.
    for (const list of ['organizations', 'programmes'] as const) {
      const names = new Set<string>();
      for (let cursor: string | null | undefined = ''; cursor !== null && cursor !== undefined; ) {
        const next = await get(`${base}/api/v1/${list}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        for (const item of next.items) names.add(item.name);
        cursor = next.nextCursor;
      }
      const unknown = set.queries.filter((q) => q.list === list).flatMap((q) => q.expect.filter((name) => !names.has(name)));
      if (unknown.length) throw new Error(`the labelled set expects ${list} the demo set does not hold: ${unknown.join('; ')}`);
    }

    console.log(`database: ${ctx.database.kind}; ${set.queries.length} labelled queries; rank of the first expected entry (- : not in the first ${DEPTH})\n`);
    const rows: { query: Labelled; rank: number }[] = [];
    for (const query of set.queries) {
      const found = (await get(`${base}${addressOf(query)}`)).items.map((i) => i.name);
      const rank = rankOf(query, found);
      rows.push({ query, rank });
      const top = found.slice(0, 3).join(' | ') || '(nothing)';
      console.log(`${String(rank || '-').padStart(3)}  ${query.lang} ${query.kind.padEnd(7)} ${JSON.stringify(query.q).padEnd(36)} ${query.list.padEnd(13)} top: ${top.slice(0, 110)}`);
    }

    const ranks = rows.map((r) => r.rank);
    console.log(`\nall          ${score(ranks)}`);
    for (const [lang, group] of groupBy(rows, (q) => q.lang)) console.log(`lang ${lang.padEnd(8)}${score(group)}`);
    for (const [kind, group] of groupBy(rows, (q) => q.kind)) console.log(`kind ${kind.padEnd(8)}${score(group)}`);
  } finally {
    await directory.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
