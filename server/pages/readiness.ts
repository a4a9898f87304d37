/**
 * The partnership readiness check as pages, without JavaScript: the questionnaire (a fieldset
 * per criterion, a radio group per question), the result (scores as light bars, gaps with the
 * services and offers that close them) and, for a signed-in user, past results compared.
 */
import { Router } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../context';
import { notFound, unauthorized } from '../errors';
import { assess, historyOf, savedAssessment, type Assessment, type History } from '../readiness/assess';
import { criteria, GAP_BELOW, questionIds, scale, type QuestionId } from '../readiness/questions';
import type { Change } from '../readiness/scoring';
import type { Offer } from '../readiness/suggestions';
import { criterionName, questionText, scaleLabel } from '../readiness/words';
import { assessmentBody, type AssessmentBody } from '../schemas/readiness';
import { idParam } from '../schemas/validate';
import { errorSummary, formBody, formState, parseForm, select, type FormState } from './forms';
import { barChart, barStyles } from './bar-chart';
import { Html, html } from './html';
import { pageFor, type Page } from './kit';
import { byLabel } from './firms/parts';

const styles = new Html(
  `<style>${[
    '.criterion{margin:1.5rem 0;padding:.5rem 1rem}.criterion>legend{font-size:1.25rem;font-weight:600;padding:0 .25rem}',
    '.question{border:0;margin:.75rem 0;padding:0}.question legend{font-weight:600;padding:0}',
    '.scale{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0}.scale label{white-space:nowrap}',
    '.question.invalid{border-left:4px solid #b00020;padding-left:.5rem}',
    '.ready-bars{--bar-label:minmax(8rem,20rem);--bar-figure:6rem}.ready-bars .gap .bar{background:#8a4b0b}',
    '.trend-up{color:#1b5e20}.trend-down{color:#b00020}',
  ].join('')}</style>`,
);

const answerField = (q: QuestionId) => `answers.${q}`;
const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

/** One question as a radio group whose legend is the question; its error is tied to the group. */
function radioGroup(page: Page, form: FormState, q: QuestionId): Html {
  const name = answerField(q);
  const id = fieldId(name);
  const error = form.errors.get(name);
  const chosen = form.values[name];
  return html`<fieldset class="question${error ? ' invalid' : ''}" id="${id}" tabindex="-1"${error ? html` aria-describedby="${id}-error"` : ''}><legend>${questionText(page.tr, q)}</legend>
${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : ''}
<div class="scale">${scale.map((n) => html`<label><input type="radio" name="${name}" value="${n}" required${chosen === String(n) ? html` checked` : ''}${error ? html` aria-invalid="true"` : ''}> ${page.tr.number(n)} · ${scaleLabel(page.tr, n)}</label>`)}</div></fieldset>`;
}

function questionnaireForm(page: Page, form: FormState): Html {
  const { t } = page;
  // The summary writes "label: message"; a question's closing full stop would stand before the colon.
  const labels = Object.fromEntries(questionIds.map((q) => [answerField(q), questionText(page.tr, q).replace(/\.$/, '')]));
  const countries = byLabel(page, page.ctx.reference.countries.map((c): [string, string] => [c.alpha2, page.countryName(c.alpha2)]));
  return html`<form method="post" action="${page.href('/readiness')}">${page.user ? page.csrfField() : ''}
${errorSummary(page, form, { ...labels, country: t('readyCountry') })}
${criteria.map((c) => html`<fieldset class="criterion"><legend>${criterionName(page.tr, c)}</legend>
${questionIds.filter((q) => q.startsWith(`${c}-`)).map((q) => radioGroup(page, form, q))}</fieldset>`)}
${select(form, { name: 'country', label: t('readyCountry'), hint: t('readyCountryHint'), empty: '', options: countries })}
<p><button type="submit">${t('readySubmit')}</button></p></form>`;
}

/** A score per line: the name, a light bar, and the number as text (the bar is decoration). */
function scoreBars(page: Page, a: Assessment): Html {
  const { t } = page;
  return html`<figure class="chart" aria-labelledby="ready-scores"><figcaption><h2 id="ready-scores">${t('readyScores')}</h2></figcaption>
${barChart(
    criteria.map((c) => {
      const s = a.scores[c];
      const gap = s < GAP_BELOW;
      return { label: criterionName(page.tr, c), value: s, figure: html`${page.tr.number(s)}${gap ? html` <small>(${t('readyGapMark')})</small>` : ''}`, className: gap ? 'gap' : undefined };
    }),
    { className: 'ready-bars', max: 100 },
  )}</figure>`;
}

const offerItem = (page: Page) => (o: Offer) =>
  html`<li><a href="${page.href(`/${o.type === 'programme' ? 'programmes' : 'organizations'}/${o.id}`)}">${o.name}</a>${o.countries.length ? html` (${o.countries.map(page.countryName).join(', ')})` : ''}</li>`;

function gapsSection(page: Page, a: Assessment): Html {
  const { t } = page;
  if (!a.help.length) return html`<section aria-labelledby="ready-gaps"><h2 id="ready-gaps">${t('readyGaps')}</h2><p>${t('readyNoGaps')}</p></section>`;
  return html`<section aria-labelledby="ready-gaps"><h2 id="ready-gaps">${t('readyGaps')}</h2><p>${t('readyGapsIntro')}</p>
${a.help.map((h) => html`<h3>${t('readyGapHeading', { criterion: criterionName(page.tr, h.criterion), score: page.tr.number(a.scores[h.criterion]) })}</h3>
<p>${t('readyServicesAre', { services: h.services.map(page.named('service')).join(', ') })}</p>
<h4>${t('readyOffers')}</h4>${h.offers.length ? html`<ul>${h.offers.map(offerItem(page))}</ul>` : html`<p>${t('readyNoOffers')}</p>`}`)}</section>`;
}

function trendText(page: Page, c: Pick<Change, 'change' | 'trend'>): Html {
  if (c.trend === 'same') return html`${page.t('readySame')}`;
  const count = Math.abs(c.change);
  return html`<span class="trend-${c.trend}"><span aria-hidden="true">${c.trend === 'up' ? '▲' : '▼'} </span>${page.t(c.trend === 'up' ? 'readyUp' : 'readyDown', { count })}</span>`;
}

/** Past results, newest first, and the latest against the one before it. */
function historySection(page: Page, history: History): Html | '' {
  const { t } = page;
  if (!history.items.length) return '';
  const n = page.tr.number;
  const comparison = history.comparison;
  return html`<section aria-labelledby="ready-history"><h2 id="ready-history">${t('readyHistory')}</h2>
<table><thead><tr><th scope="col">${t('readyHistoryDate')}</th><th scope="col">${t('readyOverall')}</th></tr></thead>
<tbody>${history.items.map((i) => html`<tr><td><a href="${page.href(`/readiness/results/${i.id}`)}">${t('readyHistoryOpen', { date: page.dateTime(i.createdAt) })}</a></td><td>${n(i.overall)}</td></tr>`)}</tbody></table>
${comparison
  ? html`<h3 id="ready-comparison">${t('readyComparison')}</h3><table aria-labelledby="ready-comparison"><thead><tr><th scope="col">${t('readyCriterion')}</th><th scope="col">${t('readyBefore')}</th><th scope="col">${t('readyNow')}</th><th scope="col">${t('readyChange')}</th></tr></thead>
<tbody>${comparison.criteria.map((c) => html`<tr><th scope="row">${criterionName(page.tr, c.criterion)}</th><td>${n(c.before)}</td><td>${n(c.after)}</td><td>${trendText(page, c)}</td></tr>`)}
<tr><th scope="row">${t('readyOverall')}</th><td>${n(comparison.overall.before)}</td><td>${n(comparison.overall.after)}</td><td>${trendText(page, comparison.overall)}</td></tr></tbody></table>`
  : ''}</section>`;
}

function send(page: Page, title: string, body: Html, status?: number) {
  const ld = { '@context': 'https://schema.org', '@type': 'WebPage', name: title, url: page.absolute('/readiness'), inLanguage: page.lang, description: page.t('readyIntro') };
  page.send({ title, body, status, ld, head: html`${barStyles}${styles}`, description: page.t('readyIntro') });
}

async function formPage(page: Page, form: FormState, status?: number) {
  const { t } = page;
  const history = page.user ? await historyOf(page.ctx, page.user) : undefined;
  const body = html`<h1>${t('readyTitle')}</h1><p>${t('readyIntro')}</p>
${page.user ? '' : html`<p><a href="${page.href('/sign-in?next=/readiness')}">${t('readySignInToKeep')}</a></p>`}
${questionnaireForm(page, form)}${history ? historySection(page, history) : ''}`;
  send(page, form.errors.size ? t('readyErrorTitle', { title: t('readyTitle') }) : t('readyTitle'), body, status);
}

async function resultPage(page: Page, a: Assessment) {
  const { t } = page;
  const history = page.user && a.id ? await historyOf(page.ctx, page.user) : undefined;
  const body = html`<h1>${t('readyResultTitle')}</h1>${page.takeNotice()}
<p class="overall"><strong>${t('readyOverallIs', { score: page.tr.number(a.overall) })}</strong></p>
${scoreBars(page, a)}${gapsSection(page, a)}
<p><a href="${page.href('/readiness')}">${t('readyRetake')}</a></p>${history ? historySection(page, history) : ''}`;
  send(page, t('readyResultTitle'), body);
}

/** The posted radios are text; the API's schema wants numbers, so whole digits become numbers. */
function postedBody(posted: unknown): unknown {
  const body = formBody(posted);
  const answers = body.answers;
  if (answers && typeof answers === 'object') {
    body.answers = Object.fromEntries(Object.entries(answers).map(([q, v]) => [q, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]));
  }
  return body;
}

const answerMessage = (page: Page, field: string, issue: z.core.$ZodIssue) =>
  field.startsWith('answers.') && issue.code !== 'unrecognized_keys' ? page.t('readyChooseAnswer') : field === 'country' ? page.t('readyBadCountry') : undefined;

export function readinessPagesRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/readiness', async (req, res) => formPage(pageFor(ctx, req, res), formState()));

  router.post('/readiness', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const parsed = parseForm(page, assessmentBody, postedBody(req.body), answerMessage);
    if ('errors' in parsed) return formPage(page, formState(req.body as Record<string, unknown>, parsed.errors), 400);
    const { answers, country } = parsed.data as AssessmentBody;
    const result = await assess(ctx, { answers, country, user: page.user });
    if (!result.id) return resultPage(page, result);
    await page.keepNotice(page.t('readySaved'));
    page.redirect(`/readiness/results/${result.id}`);
  });

  router.get('/readiness/results/:id', async (req, res) => {
    const page = pageFor(ctx, req, res);
    if (!page.user) throw unauthorized();
    const found = await savedAssessment(ctx, page.user, idParam(req.params.id));
    if (!found) throw notFound('readiness result');
    await resultPage(page, found);
  });
  return router;
}
