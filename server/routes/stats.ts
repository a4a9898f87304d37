/** Progress statistics: the JSON of every table and each table as CSV. */
import { defineRoute, json, media, ok, sent, type Route } from '../api/route';
import type { AppContext } from '../context';
import { readStats } from '../directory/stats';
import type { Stats } from '../presenters/stats';
import { statsBody, statsCsvQuery, type StatsTable } from '../schemas/stats';
import { csvDownload } from './csv';

type Csv = { columns: string[]; rows: (string | number | boolean | null)[][] };

/** One table of the statistics as CSV columns and rows; countries and regions also by their English names. */
function csvTable(ctx: AppContext, stats: Stats, table: StatsTable): Csv {
  const country = (code: string) => ctx.reference.countryByAlpha2.get(code)?.names.en ?? code;
  const region = (code: string) => ctx.reference.regionByCode.get(code)?.names.en ?? code;
  switch (table) {
    case 'programmesByDirection':
      return { columns: ['direction', 'count'], rows: stats.programmes.byDirection.map((c) => [c.value, c.count]) };
    case 'programmesByRegion':
      return { columns: ['region', 'name', 'count'], rows: stats.programmes.byRegion.map((c) => [c.value, region(c.value), c.count]) };
    case 'organizationsByCountry':
      return { columns: ['country', 'name', 'count'], rows: stats.organizations.byCountry.map((c) => [c.value, country(c.value), c.count]) };
    case 'organizationsByRegion':
      return { columns: ['region', 'name', 'count'], rows: stats.organizations.byRegion.map((c) => [c.value, region(c.value), c.count]) };
    case 'organizationsByLdc':
      return { columns: ['group', 'count'], rows: stats.organizations.byLdc.map((c) => [c.value, c.count]) };
    // Counts drawn from firms' requests: a withheld cell (under 5) is an empty field.
    case 'introductionsByStatus':
      return { columns: ['status', 'count'], rows: stats.introductions.byStatus.map((c) => [c.value, c.count]) };
    case 'introductionOutcomes':
      return { columns: ['outcome', 'count'], rows: stats.introductions.outcomes.map((c) => [c.value, c.count]) };
    case 'introductionsSixMonthsOn':
      return { columns: ['answer', 'count'], rows: stats.introductions.sixMonthsOn.map((c) => [c.value, c.count]) };
    case 'concludedByDirection':
      return { columns: ['direction', 'count'], rows: stats.introductions.concludedByDirection.map((c) => [c.value, c.count]) };
    case 'concludedByRegion':
      return { columns: ['region', 'name', 'count'], rows: stats.introductions.concludedByRegion.map((c) => [c.value, region(c.value), c.count]) };
    case 'sources': {
      const counts = ['fetched', 'created', 'updated', 'unchanged', 'withdrawn', 'rejected'];
      return {
        columns: ['id', 'name', 'network', 'connector', 'enabled', 'lastRunStatus', 'lastRunFinishedAt', ...counts, 'runsLast30Days', 'failedLast30Days'],
        rows: stats.sources.map((s) => [s.id, s.name, s.network, s.connector, s.enabled, s.lastRun?.status ?? null, s.lastRun?.finishedAt ?? null, ...counts.map((k) => s.lastRun?.counts[k] ?? null), s.runsLast30Days, s.failedLast30Days]),
      };
    }
  }
}

export const statsRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/stats',
    auth: 'public',
    operationId: 'getStats',
    summary:
      "Progress statistics: public programmes by direction and M49 region (a programme counts in a region when one of its target countries is in it), organizations by country, region and LDC status (exact counts); introductions (cells under 5 are null); each source's sync health",
    tags: ['Statistics'],
    responses: { 200: json('Statistics', statsBody) },
    handler: async ({ ctx }) => ok(await readStats(ctx)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/stats.csv',
    auth: 'public',
    operationId: 'getStatsCsv',
    summary: 'One table of the progress statistics as CSV',
    tags: ['Statistics'],
    query: statsCsvQuery,
    responses: { 200: media('CSV with a header row; a withheld cell (under 5) is empty', 'text/csv') },
    handler: async ({ ctx, res, query: { table } }) => {
      const { columns, rows } = csvTable(ctx, await readStats(ctx), table);
      const csv = csvDownload(res, `${table}.csv`, columns);
      for (const row of rows) csv.write(row);
      csv.end();
      return sent;
    },
  }),
];
