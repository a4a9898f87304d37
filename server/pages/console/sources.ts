/** The console's sources: the list with next and last runs, the source form with its preview, run now, clear and delete. */
import { Router } from 'express';
import { actorOf } from '../../auth/middleware';
import type { AppContext } from '../../context';
import { clearSource, createSource, editSource, removeSource } from '../../commands/sources';
import { queueSizes } from '../../db/queues';
import { lastRunOf, listSources, type RunRow, type SourceRow } from '../../db/sync';
import { previewSource } from '../../../jobs/preview';
import { nextRunAt } from '../../../jobs/scheduler';
import { startRun } from '../../../jobs/start-run';
import { formState } from '../forms';
import { html, type Html } from '../html';
import { pageFor, type Page } from '../kit';
import { actionButton, countsLine, sendConsole, sourceParam, statusName, zonedDateTime } from './common';
import { changedFields, previewSection, readSourceForm, sourceForm, sourceValues } from './source-form';

function lastRunCell(page: Page, run: RunRow | undefined): Html {
  if (!run) return html`${page.t('conNever')}`;
  return html`<a href="${page.href(`/console/sources/${run.sourceId}/runs/${run.id}`)}">${statusName(page, run.status)}</a>
<div class="meta">${page.dateTime(run.finishedAt ?? run.startedAt ?? run.createdAt)}</div><div class="meta">${countsLine(page, run.counts)}</div>`;
}

function scheduleCell(page: Page, s: SourceRow): { schedule: Html; next: string } {
  if (!s.schedule) return { schedule: html`${page.t('conByHand')}`, next: '' };
  const next = s.enabled ? nextRunAt(s.schedule, s.timezone) : null;
  return { schedule: html`<code>${s.schedule}</code> <span class="meta">${s.timezone}</span>`, next: next ? zonedDateTime(page, next, s.timezone) : page.t('conNotScheduled') };
}

export function sourcesPages(ctx: AppContext): Router {
  const router = Router();
  const db = ctx.database.db;
  const load = (raw: string | string[] | undefined) => sourceParam(db, raw);

  router.get('/console', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t } = page;
    const [sources, sizes] = await Promise.all([listSources(db), queueSizes(db)]);
    const rows = await Promise.all(
      sources.map(async (s) => {
        const last = await lastRunOf(db, s.id);
        const { schedule, next } = scheduleCell(page, s);
        return html`<tr><th scope="row"><a href="${page.href(`/console/sources/${s.id}`)}">${s.name}</a></th><td>${page.named('network')(s.network)}</td><td>${s.connector}</td>
<td>${s.enabled ? t('conYes') : t('conNo')}</td><td>${schedule}</td><td>${next}</td><td>${lastRunCell(page, last)}</td>
<td><a href="${page.href(`/console/sources/${s.id}/runs`)}">${t('conRuns')}<span class="skip"> ${s.name}</span></a> ${actionButton(page, `/console/sources/${s.id}/run`, t('conRunNow'))}</td></tr>`;
      }),
    );
    const table = sources.length
      ? html`<table><caption class="skip">${t('conSources')}</caption><thead><tr><th scope="col">${t('conName')}</th><th scope="col">${t('conNetwork')}</th><th scope="col">${t('conConnector')}</th><th scope="col">${t('conEnabled')}</th>
<th scope="col">${t('conSchedule')}</th><th scope="col">${t('conNextRun')}</th><th scope="col">${t('conLastRun')}</th><th scope="col">${t('conActions')}</th></tr></thead><tbody>${rows}</tbody></table>`
      : html`<p>${t('conNoSources')}</p>`;
    const body = html`<h1>${t('console')}</h1>
<ul><li><a href="${page.href('/console/moderation')}">${t('conModeration')}</a>: ${t('conWaiting', { count: page.tr.number(sizes.organizations + sizes.claims) })}</li>
<li><a href="${page.href('/console/duplicates')}">${t('conDuplicates')}</a>: ${t('conWaiting', { count: page.tr.number(sizes.duplicates) })}</li></ul>
<h2>${t('conSources')}</h2>${table}
<p><a class="button" href="${page.href('/console/sources/new')}">${t('conAddSource')}</a></p>`;
    sendConsole(page, { title: t('console'), body });
  });

  router.get('/console/sources/new', (req, res) => {
    const page = pageFor(ctx, req, res);
    sendConsole(page, { title: page.t('conNewSource'), body: html`<h1>${page.t('conNewSource')}</h1>${sourceForm(page, formState(sourceValues()), '/console/sources/new')}` });
  });

  /** Preview (nothing saved) or save, for a new source (`source` undefined) or a stored one. */
  async function submit(page: Page, source: SourceRow | undefined): Promise<void> {
    const action = source ? `/console/sources/${source.id}` : '/console/sources/new';
    const title = source ? page.t('conSourceTitle', { name: source.name }) : page.t('conNewSource');
    const read = readSourceForm(page, ctx, page.req.body);
    const again = (form: Parameters<typeof sourceForm>[1], extra: Html | '' = '', status = 200) =>
      sendConsole(page, { title, status, body: html`<h1>${title}</h1>${sourceForm(page, form, action)}${extra}` });
    if (!read.ok) return again(read.form, '', 400);
    const wanted = (page.req.body as Record<string, unknown>)._action;
    if (wanted === 'preview') {
      // A stored source previews within its own size and time limits, which the form does not show.
      const input = { ...read.input, maxBytes: read.input.maxBytes ?? source?.maxBytes, timeLimitSeconds: read.input.timeLimitSeconds ?? source?.timeLimitSeconds };
      return again(formState(read.values), previewSection(page, await previewSource(ctx, input)));
    }
    if (!source) {
      const id = await createSource(ctx, actorOf(page.req), read.input);
      ctx.events.emit('sources-changed');
      await page.keepNotice(page.t('conCreated'));
      return page.redirect(`/console/sources/${id}`);
    }
    const changes = changedFields(source, read.input);
    if (Object.keys(changes).length) {
      await editSource(ctx, actorOf(page.req), source.id, changes);
      ctx.events.emit('sources-changed');
    }
    await page.keepNotice(page.t('conSaved'));
    page.redirect(`/console/sources/${source.id}`);
  }

  router.post('/console/sources/new', async (req, res) => {
    await submit(pageFor(ctx, req, res), undefined);
  });

  router.get('/console/sources/:id', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t } = page;
    const source = await load(req.params.id);
    const title = t('conSourceTitle', { name: source.name });
    const body = html`<h1>${title}</h1>
<div class="actions"><a href="${page.href(`/console/sources/${source.id}/runs`)}">${t('conRuns')}</a> ${actionButton(page, `/console/sources/${source.id}/run`, t('conRunNow'))}</div>
${sourceForm(page, formState(sourceValues(source)), `/console/sources/${source.id}`)}
<h2>${t('conDangerZone')}</h2>
<p><a href="${page.href(`/console/sources/${source.id}/clear`)}">${t('conClear')}</a> · <a href="${page.href(`/console/sources/${source.id}/delete`)}">${t('conDelete')}</a></p>`;
    sendConsole(page, { title, body });
  });

  router.post('/console/sources/:id', async (req, res) => {
    await submit(pageFor(ctx, req, res), await load(req.params.id));
  });

  router.post('/console/sources/:id/run', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const source = await load(req.params.id);
    const { runId, status } = await startRun(ctx, source, 'manual');
    await page.keepNotice(page.t(status === 'skipped' ? 'conRunSkipped' : 'conRunStarted', { name: source.name }), { href: `/console/sources/${source.id}/runs/${runId}`, text: page.t('conSeeRun') });
    page.redirect('/console');
  });

  /** Clearing and deleting ask first, on a page of their own: a link never changes anything. */
  const confirmations = {
    clear: { title: 'conClearTitle', text: 'conClearText', button: 'conClear' },
    delete: { title: 'conDeleteTitle', text: 'conDeleteText', button: 'conDelete' },
  } as const;
  for (const [step, words] of Object.entries(confirmations)) {
    router.get(`/console/sources/:id/${step}`, async (req, res) => {
      const page = pageFor(ctx, req, res);
      const source = await load(req.params.id);
      const title = page.t(words.title, { name: source.name });
      const body = html`<h1>${title}</h1><p>${page.t(words.text)}</p>
<div class="actions">${actionButton(page, `/console/sources/${source.id}/${step}`, page.t(words.button))} <a href="${page.href(`/console/sources/${source.id}`)}">${page.t('conCancel')}</a></div>`;
      sendConsole(page, { title, body });
    });
  }

  router.post('/console/sources/:id/clear', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const source = await load(req.params.id);
    const { forgotten } = await clearSource(ctx, actorOf(req), source.id);
    await page.keepNotice(page.t('conCleared', { count: forgotten, name: source.name }));
    page.redirect(`/console/sources/${source.id}`);
  });

  router.post('/console/sources/:id/delete', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const source = await load(req.params.id);
    await removeSource(ctx, actorOf(req), source.id);
    ctx.events.emit('sources-changed');
    await page.keepNotice(page.t('conDeleted', { name: source.name }));
    page.redirect('/console');
  });

  return router;
}
