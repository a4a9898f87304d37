/** Progress statistics: the JSON of every table and each table as CSV. */
import { Router } from 'express';
import type { AppContext } from '../../context';
import { readStats } from '../../directory/stats';
import type { Stats } from '../../presenters/stats';
import { csvDownload } from '../csv';
import { parse } from '../../schemas/validate';
import { statsCsvQuery, type StatsTable } from '../../schemas/stats';

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

export function statsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/v1/stats', async (_req, res) => {
    res.json(await readStats(ctx));
  });
  router.get('/api/v1/stats.csv', async (req, res) => {
    const { table } = parse(statsCsvQuery, req.query);
    const { columns, rows } = csvTable(ctx, await readStats(ctx), table);
    const csv = csvDownload(res, `${table}.csv`, columns);
    for (const row of rows) csv.write(row);
    csv.end();
  });
  return router;
}
