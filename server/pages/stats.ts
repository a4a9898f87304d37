/**
 * The progress dashboard (/progress): the figures of GET /api/v1/stats as CSS bar charts with
 * the numbers as text, names in the reader's language, a CSV link under each table, and the
 * sources' sync health. No script: the bars are widths set by the server.
 */
import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../context';
import type { SourceHealth } from '../db/stats';
import { readStats } from '../directory/stats';
import type { MessageKey } from '../i18n/messages';
import { statsTables, type StatsTable } from '../schemas/stats';
import { statusName } from './console/common';
import { outcomeName, statusName as introductionStatus } from './introductions/words';
import { answerKeys } from '../commands/ask-follow-ups';
import type { FollowUpAnswer } from '../db/enums';
import { barChart, barStyles } from './bar-chart';
import { Html, html } from './html';
import { pageFor, type Page } from './kit';

const styles = new Html(
  `<style>${[
    '.stats-chart{margin:1.5rem 0}.stats-chart h2{margin:0 0 .5rem}',
    '.stats-table{border-collapse:collapse}.stats-table th,.stats-table td{padding:.25rem .5rem;border-bottom:1px solid #ccc;text-align:left}.stats-table td.n{text-align:right}',
  ].join('')}</style>`,
);

const csvHref = (page: Page, table: StatsTable) => page.href(`/api/v1/stats.csv?table=${table}`);

/** One table as bars, its caption a heading, each bar's number as text, and the table's CSV link. */
function chart(page: Page, table: StatsTable, title: MessageKey, cells: { label: string; count: number | null }[], note?: MessageKey): Html {
  const caption = page.t(title);
  const bars =
    cells.length === 0
      ? html`<p>${page.t('statsNone')}</p>`
      : barChart(
          // A withheld cell (under 5, from firms' private requests) draws no bar and says so.
          cells.map((c) => ({ label: c.label, value: c.count, figure: c.count === null ? page.t('statsWithheld') : page.tr.number(c.count) })),
          { className: 'stats-bars' },
        );
  return html`<figure class="stats-chart" id="${table}" aria-labelledby="${table}-caption"><figcaption id="${table}-caption"><h2>${caption}</h2>${note ? html`<p>${page.t(note)}</p>` : ''}</figcaption>
${bars}
<p><a href="${csvHref(page, table)}" download>${page.t('statsCsv', { table: caption })}</a></p></figure>`;
}

function sourcesTable(page: Page, sources: SourceHealth[]): Html {
  const { t } = page;
  const row = (s: SourceHealth) => {
    const last = s.lastRun ? `${statusName(page, s.lastRun.status)}${s.lastRun.finishedAt ? `, ${page.dateTime(s.lastRun.finishedAt)}` : ''}` : t('statsNeverRun');
    const fetched = s.lastRun?.counts.fetched;
    return html`<tr><th scope="row">${s.name}</th><td>${page.named('network')(s.network)}</td><td>${t(s.enabled ? 'conYes' : 'conNo')}</td><td>${last}</td><td class="n">${fetched === undefined ? '' : page.tr.number(fetched)}</td><td class="n">${page.tr.number(s.runsLast30Days)}</td><td class="n">${page.tr.number(s.failedLast30Days)}</td></tr>`;
  };
  const table =
    sources.length === 0
      ? html`<p>${t('statsNoSources')}</p>`
      : html`<table class="stats-table"><thead><tr><th scope="col">${t('statsSource')}</th><th scope="col">${t('statsNetwork')}</th><th scope="col">${t('statsEnabled')}</th><th scope="col">${t('statsLastRun')}</th><th scope="col">${t('statsFetched')}</th><th scope="col">${t('statsRuns')}</th><th scope="col">${t('statsFailed')}</th></tr></thead>
<tbody>${sources.map(row)}</tbody></table>`;
  return html`<section aria-labelledby="sources-heading"><h2 id="sources-heading">${t('statsSources')}</h2><p>${t('statsSourcesNote')}</p>${table}
<p><a href="${csvHref(page, 'sources')}" download>${t('statsCsv', { table: t('statsSources') })}</a></p></section>`;
}

/** Cells ranked by count, with each run of equal counts put in the order of their labels. */
export function tiesByName<T extends { label: string; count: number | null }>(cells: T[], collator: Intl.Collator): T[] {
  const out: T[] = [];
  for (let i = 0; i < cells.length; ) {
    let j = i;
    while (j < cells.length && cells[j]?.count === cells[i]?.count) j += 1;
    out.push(...cells.slice(i, j).sort((a, b) => collator.compare(a.label, b.label)));
    i = j;
  }
  return out;
}

const progressPage =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t } = page;
    const stats = await readStats(ctx);
    const region = (code: string) => ctx.reference.regionByCode.get(code)?.names[page.lang] ?? code;
    const direction = (value: string) => (value === 'undetermined' ? t('statsUndetermined') : page.named('direction')(value));
    const labelled = (cells: { value: string; count: number | null }[], name: (value: string) => string) => cells.map((c) => ({ label: name(c.value), count: c.count }));
    // The database ranks by count, then by code: equal counts read in the order of their names in the reader's language.
    const collator = new Intl.Collator(page.lang);
    const ranked = (cells: { value: string; count: number | null }[], name: (value: string) => string) => tiesByName(labelled(cells, name), collator);
    const intro = stats.introductions;
    const introductions = intro.byStatus.length
      ? html`<section aria-labelledby="introductions-heading"><h2 id="introductions-heading">${t('statsIntroductions')}</h2><p>${t('statsWithheldNote')}</p>
<p>${intro.timeToConclusion ? t('statsTimeToConclusion', { days: page.tr.number(intro.timeToConclusion.medianDays), count: intro.timeToConclusion.count }) : t('statsTimeToConclusionWithheld')}</p>
${chart(page, 'introductionsByStatus', 'statsIntroductionsByStatus', labelled(intro.byStatus, (s) => introductionStatus(page, s)))}
${chart(page, 'concludedByDirection', 'statsConcludedByDirection', ranked(intro.concludedByDirection, direction))}
${chart(page, 'concludedByRegion', 'statsConcludedByRegion', ranked(intro.concludedByRegion, region))}
${chart(page, 'introductionOutcomes', 'statsIntroductionOutcomes', labelled(intro.outcomes, (o) => outcomeName(page, o)))}
${chart(page, 'introductionsSixMonthsOn', 'statsFollowUps', labelled(intro.sixMonthsOn, (a) => (a in answerKeys ? t(answerKeys[a as FollowUpAnswer]) : a)), 'statsFollowUpsNote')}</section>`
      : html`<section aria-labelledby="introductions-heading"><h2 id="introductions-heading">${t('statsIntroductions')}</h2><p>${t('statsIntroductionsEmpty')}</p></section>`;
    const body = html`<h1>${t('statsTitle')}</h1><p>${t('statsIntro')}</p>
${chart(page, 'programmesByDirection', 'statsProgrammesByDirection', ranked(stats.programmes.byDirection, direction))}
${chart(page, 'programmesByRegion', 'statsProgrammesByRegion', ranked(stats.programmes.byRegion, region), 'statsProgrammesByRegionNote')}
${chart(page, 'organizationsByRegion', 'statsOrganizationsByRegion', ranked(stats.organizations.byRegion, region))}
${chart(page, 'organizationsByLdc', 'statsOrganizationsByLdc', labelled(stats.organizations.byLdc, (v) => t(v === 'ldc' ? 'statsLdc' : 'statsOther')))}
${chart(page, 'organizationsByCountry', 'statsOrganizationsByCountry', ranked(stats.organizations.byCountry, page.countryName))}
${introductions}
${sourcesTable(page, stats.sources)}`;
    const tables = statsTables;
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'Dataset',
      name: t('statsDatasetName'),
      description: t('statsDatasetDescription'),
      url: page.absolute('/progress'),
      inLanguage: page.lang,
      isAccessibleForFree: true,
      distribution: [
        { '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: page.absolute('/api/v1/stats') },
        ...tables.map((table) => ({ '@type': 'DataDownload', name: table, encodingFormat: 'text/csv', contentUrl: page.absolute(`/api/v1/stats.csv?table=${table}`) })),
      ],
    };
    page.send({ title: t('statsTitle'), body, ld, head: html`${barStyles}${styles}`, description: t('statsDatasetDescription') });
  };

export function statsPagesRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/progress', progressPage(ctx));
  return router;
}
