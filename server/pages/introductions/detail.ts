/**
 * One request's page: what the firm asked, its history, and the forms its sides may use: the
 * agency's status form (only the statuses it may move to) and, once closed, each side's outcome form.
 */
import type { Detail } from '../../commands/introductions';
import { nextStatuses, isClosed } from '../../introductions/statuses';
import { outcomes } from '../../db/enums';
import { errorSummary, select, textArea, textInput, type FormState } from '../forms';
import { html, type Html } from '../html';
import type { Page } from '../kit';
import { outcomeName, statusName } from './words';
import { askerOf, askingList } from './asking';

/** The forms' states when one of them was just sent with errors; the other shows empty. */
export interface DetailForms {
  status?: FormState;
  outcome?: FormState;
}

const empty: FormState = { values: {}, errors: new Map() };

function statusForm(page: Page, d: Detail, form: FormState): Html | '' {
  const allowed = nextStatuses(d.introduction.status);
  const { t } = page;
  // A refused move on a closed request: no form to tie the error to, so it stands alone.
  if (d.side === 'agency' && !allowed.length && form.errors.size) return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary"><p>${[...form.errors.values()].join(' ')}</p></div>`;
  if (d.side !== 'agency' || !allowed.length) return '';
  return html`<section aria-labelledby="intro-move"><h2 id="intro-move">${t('introMove')}</h2>
<form method="post" action="${page.href(`/introductions/${d.introduction.id}/status`)}">${page.csrfField()}
${errorSummary(page, form, { status: t('introNewStatus'), note: t('introNote'), followUpOn: t('introFollowUpOn') })}
${select(form, { name: 'status', label: t('introNewStatus'), required: true, options: allowed.map((s): [string, string] => [s, statusName(page, s)]) })}
${textArea(form, { name: 'note', label: t('introNote'), rows: 3 })}
${textInput(form, { name: 'followUpOn', label: t('introFollowUpOn'), hint: t('introFollowUpHint'), type: 'date' })}
<p><button type="submit">${t('introMoveSubmit')}</button></p></form></section>`;
}

function outcomeSection(page: Page, d: Detail, form: FormState): Html | '' {
  if (!isClosed(d.introduction.status)) return '';
  const { t } = page;
  const answered = d.outcomes.some((o) => o.side === d.side);
  return html`<section aria-labelledby="intro-outcomes"><h2 id="intro-outcomes">${t('introOutcomes')}</h2>
${d.outcomes.length
  ? html`<dl>${d.outcomes.map((o) => html`<dt>${t(o.side === 'firm' ? 'introOutcomeFirm' : 'introOutcomeAgency')}</dt><dd>${outcomeName(page, o.outcome)}${o.comment ? html` — ${o.comment}` : ''}</dd>`)}</dl>`
  : ''}
${answered
  ? html`<p>${t('introOutcomeAlready')}</p>`
  : html`<form method="post" action="${page.href(`/introductions/${d.introduction.id}/outcome`)}">${page.csrfField()}
${errorSummary(page, form, { outcome: t('introOutcomeQuestion'), comment: t('introComment') })}
${select(form, { name: 'outcome', label: t('introOutcomeQuestion'), required: true, empty: '', options: outcomes.map((o): [string, string] => [o, outcomeName(page, o)]) })}
${textArea(form, { name: 'comment', label: t('introComment'), rows: 3 })}
<p><button type="submit">${t('introOutcomeSubmit')}</button></p></form>`}</section>`;
}

/** Who answers: the agencies that maintain the organizations it went to, or the network's secretariat when none does. */
function answeredBy(page: Page, answering: { id: string; name: string }[]): Html {
  const { t } = page;
  return answering.length
    ? html`<dt>${t('loopAnsweredBy')}</dt><dd>${answering.map((o, i) => html`${i ? ', ' : ''}<a href="${page.href(`/organizations/${o.id}`)}">${o.name}</a>`)}</dd>`
    : html`<dt>${t('loopAnsweredBy')}</dt><dd>${t('loopSecretariatName')} <span class="hint">${t('loopSecretariatWhy')}</span></dd>`;
}

export function detailBody(page: Page, d: Detail, forms: DetailForms, answering: { id: string; name: string }[]): Html {
  const { t } = page;
  const i = d.introduction;
  const name = i.targetName ?? '';
  const target = i.organizationId ? `/organizations/${i.organizationId}` : `/programmes/${i.programmeId ?? ''}`;
  return html`<h1>${t('introTitle', { name })}</h1>${page.takeNotice()}
<dl><dt>${t('introTo')}</dt><dd><a href="${page.href(target)}">${name}</a></dd>
${answeredBy(page, answering)}
<dt>${t('introSentOn')}</dt><dd>${page.date(i.createdAt)}</dd>
<dt>${t('introStatus')}</dt><dd><strong>${statusName(page, i.status)}</strong>${i.flaggedAt ? html` · ${t('introFlagged')}` : ''}</dd>
${i.followUpOn ? html`<dt>${t('introFollowUpOn')}</dt><dd>${page.date(`${i.followUpOn}T00:00:00Z`)}</dd>` : ''}
${i.partnershipType ? html`<dt>${t('introPartnershipType')}</dt><dd>${page.named('partnershipType')(i.partnershipType)}</dd>` : ''}
${i.partnerCountries.length ? html`<dt>${t('introPartnerCountries')}</dt><dd>${i.partnerCountries.map(page.countryName).join(', ')}</dd>` : ''}
<dt>${t('introYourMessage')}</dt><dd class="message">${i.message}</dd></dl>
<section aria-labelledby="intro-asking"><h2 id="intro-asking">${t('loopAskingTitle')}</h2>${askingList(page, askerOf(i))}</section>
<section aria-labelledby="intro-history"><h2 id="intro-history">${t('introHistory')}</h2>
<table><thead><tr><th scope="col">${t('introWhen')}</th><th scope="col">${t('introChange')}</th><th scope="col">${t('introNote')}</th></tr></thead>
<tbody>${d.events.map((e) => html`<tr><td>${page.dateTime(e.at)}</td><td>${e.fromStatus ? html`${statusName(page, e.fromStatus)} → ` : ''}${statusName(page, e.toStatus)}</td><td>${e.note ?? ''}${e.followUpOn ? html` ${t('introFollowUp', { date: page.date(`${e.followUpOn}T00:00:00Z`) })}` : ''}</td></tr>`)}</tbody></table></section>
${statusForm(page, d, forms.status ?? empty)}${outcomeSection(page, d, forms.outcome ?? empty)}`;
}
