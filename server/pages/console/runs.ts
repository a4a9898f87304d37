/** A source's run history, one run's counts and errors, and the decision a safety stop waits for. */
import { Router } from 'express';
import { actorOf } from '../../auth/middleware';
import type { AppContext } from '../../context';
import { decideWithdrawals } from '../../commands/sources';
import { runById, runsOf } from '../../db/sync';
import { notFound } from '../../errors';
import { withdrawalsBody } from '../../schemas/sources';
import { idParam, parse } from '../../schemas/validate';
import type { RecordError } from '../../../jobs/connectors/connector';
import { INTERRUPTED_MESSAGE, SKIPPED_MESSAGE } from '../../../jobs/run-state';
import { html } from '../html';
import { pageFor } from '../kit';
import { actionButton, countNames, sendConsole, sourceParam, statusName, triggerName, unlessDecided } from './common';
import { errorTable } from './source-form';

export function runsPages(ctx: AppContext): Router {
  const router = Router();
  const db = ctx.database.db;
  const loadSource = (raw: string | string[] | undefined) => sourceParam(db, raw);
  const loadRun = async (sourceId: string, raw: string | string[] | undefined) => {
    const run = await runById(db, sourceId, idParam(raw));
    if (!run) throw notFound('run');
    return run;
  };

  router.get('/console/sources/:id/runs', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, tr } = page;
    const source = await loadSource(req.params.id);
    const runs = await runsOf(db, source.id);
    const title = t('conRunsOf', { name: source.name });
    const table = runs.length
      ? html`<table><caption class="skip">${title}</caption><thead><tr><th scope="col">${t('conStarted')}</th><th scope="col">${t('conStatus')}</th><th scope="col">${t('conTrigger')}</th><th scope="col">${t('conFinished')}</th>
${countNames.map((n) => html`<th scope="col">${t(`conCount_${n}` as const)}</th>`)}</tr></thead>
<tbody>${runs.map((r) => {
          const counts = (r.counts ?? {}) as Record<string, number>;
          return html`<tr><th scope="row"><a href="${page.href(`/console/sources/${source.id}/runs/${r.id}`)}">${page.dateTime(r.startedAt ?? r.createdAt)}</a></th><td>${statusName(page, r.status)}</td><td>${triggerName(page, r.trigger)}</td>
<td>${r.finishedAt ? page.dateTime(r.finishedAt) : t('conRunPending')}</td>${countNames.map((n) => html`<td>${tr.number(counts[n] ?? 0)}</td>`)}</tr>`;
        })}</tbody></table>`
      : html`<p>${t('conNoRuns')}</p>`;
    const body = html`<h1>${title}</h1><div class="actions"><a href="${page.href(`/console/sources/${source.id}`)}">${source.name}</a> ${actionButton(page, `/console/sources/${source.id}/run`, t('conRunNow'))}</div>${table}`;
    sendConsole(page, { title, body });
  });

  router.get('/console/sources/:id/runs/:runId', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, tr } = page;
    const source = await loadSource(req.params.id);
    const run = await loadRun(source.id, req.params.runId);
    const counts = (run.counts ?? {}) as Record<string, number>;
    // What the run's own life wrote (skipped, interrupted) is said in the reader's language; what the feed said stays as it came.
    const ownWords: Record<string, string> = { [SKIPPED_MESSAGE]: t('conWhySkipped'), [INTERRUPTED_MESSAGE]: t('conWhyInterrupted') };
    const errors = ((run.errors ?? []) as RecordError[]).map((e) => (ownWords[e.message] ? { ...e, message: ownWords[e.message]! } : e));
    const title = t('conRunTitle', { name: source.name, date: page.dateTime(run.startedAt ?? run.createdAt) });
    const path = `/console/sources/${source.id}/runs/${run.id}/withdrawals`;
    const held =
      run.heldWithdrawals !== null && !run.withdrawalsDecision
        ? html`<div class="error-summary" id="held"><p>${t('conHeld', { count: run.heldWithdrawals })}</p>
<div class="actions">${actionButton(page, path, t('conConfirmWithdrawals'), { fields: { decision: 'confirm' } })} ${actionButton(page, path, t('conDismissWithdrawals'), { secondary: true, fields: { decision: 'dismiss' } })}</div></div>`
        : run.withdrawalsDecision === 'confirmed' || run.withdrawalsDecision === 'dismissed'
          ? html`<p class="notice">${t(`conDecided_${run.withdrawalsDecision}`)}</p>`
          : '';
    const body = html`<h1>${title}</h1>
<p><a href="${page.href(`/console/sources/${source.id}/runs`)}">${t('conRunsOf', { name: source.name })}</a></p>
<dl><dt>${t('conStatus')}</dt><dd id="run-status">${statusName(page, run.status)}</dd><dt>${t('conTrigger')}</dt><dd>${triggerName(page, run.trigger)}</dd>
<dt>${t('conStarted')}</dt><dd>${run.startedAt ? page.dateTime(run.startedAt) : t('conRunPending')}</dd><dt>${t('conFinished')}</dt><dd>${run.finishedAt ? page.dateTime(run.finishedAt) : t('conRunPending')}</dd>
${countNames.map((n) => html`<dt>${t(`conCount_${n}` as const)}</dt><dd>${tr.number(counts[n] ?? 0)}</dd>`)}</dl>
${held}
${run.status === 'skipped' ? html`<p id="run-errors">${t('conWhySkipped')}</p>` : errors.length ? html`<div id="run-errors">${errorTable(page, errors, t('conRecordErrors'))}</div>` : html`<p>${t('conNoErrors')}</p>`}`;
    sendConsole(page, { title, body });
  });

  router.post('/console/sources/:id/runs/:runId/withdrawals', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const source = await loadSource(req.params.id);
    const run = await loadRun(source.id, req.params.runId);
    const { decision } = parse(withdrawalsBody, { decision: (req.body as Record<string, unknown>).decision });
    await unlessDecided(page, async () => {
      const { withdrawn } = await decideWithdrawals(ctx, actorOf(req), source.id, run.id, decision);
      await page.keepNotice(decision === 'confirm' ? page.t('conWithdrawalsConfirmed', { count: withdrawn }) : page.t('conWithdrawalsDismissed'));
    });
    page.redirect(`/console/sources/${source.id}/runs/${run.id}`);
  });

  return router;
}
