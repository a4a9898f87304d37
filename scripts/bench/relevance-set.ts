/**
 * The labelled relevance set (relevance.json) and how a ranking is scored against it: shared by
 * `npm run bench:relevance`, which prints the figures, and the test that keeps them above target.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** How deep a result may come and still count for the reciprocal rank. */
export const DEPTH = 10;

const labelledSet = z.object({
  queries: z.array(
    z.object({
      q: z.string().min(1),
      lang: z.enum(['en', 'fr', 'es']),
      kind: z.enum(['acronym', 'name', 'words', 'typo', 'place']),
      list: z.enum(['organizations', 'programmes']),
      expect: z.array(z.string()).min(1),
    }),
  ),
});
export type Labelled = z.infer<typeof labelledSet>['queries'][number];

export const readLabelledSet = (): Labelled[] => labelledSet.parse(JSON.parse(fs.readFileSync(path.join(__dirname, 'relevance.json'), 'utf8'))).queries;

/** The API address that asks `query`, to append to a base URL. */
export const addressOf = (query: Labelled): string => `/api/v1/${query.list}?${new URLSearchParams({ q: query.q, limit: String(DEPTH), lang: query.lang })}`;

/** The rank (1-based) of the first expected entry among the names found; 0 when none is there. */
export const rankOf = (query: Labelled, found: string[]): number => found.findIndex((name) => query.expect.includes(name)) + 1;

/** The share of ranks among the first three. */
export const successAt3 = (ranks: number[]): number => ranks.filter((r) => r >= 1 && r <= 3).length / ranks.length;

/** The mean of 1/rank, a rank of 0 counting nothing. */
export const meanReciprocalRank = (ranks: number[]): number => ranks.reduce((sum, r) => sum + (r ? 1 / r : 0), 0) / ranks.length;
