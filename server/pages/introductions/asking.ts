/** Who asks for an introduction, as the agency, the secretariat and the firm itself read it. */
import type { IntroductionRow } from '../../db/introductions';
import { html, type Html } from '../html';
import type { Page } from '../kit';

export interface Asker {
  name: string | null;
  company: string | null;
  country: string | null;
  email: string | null;
}

/** The firm's name, company, country and e-mail; a detail the firm never gave says so. */
export function askingList(page: Page, a: Asker): Html {
  const { t } = page;
  const given = (v: string | null, shown: (v: string) => Html | string = (x) => x) => (v ? shown(v) : html`<em>${t('loopNotGiven')}</em>`);
  return html`<dl class="asking"><dt>${t('loopName')}</dt><dd>${given(a.name)}</dd>
<dt>${t('loopCompany')}</dt><dd>${given(a.company)}</dd>
<dt>${t('loopCountry')}</dt><dd>${given(a.country, page.countryName)}</dd>
<dt>${t('loopEmail')}</dt><dd>${given(a.email, (e) => html`<a href="mailto:${e}">${e}</a>`)}</dd></dl>`;
}

export const askerOf = (row: IntroductionRow): Asker => ({ name: row.firmName, company: row.firmCompany, country: row.firmCountry, email: row.firmEmail });

/** One line for a list: the company (or the person) and the country. */
export function askerLine(row: IntroductionRow): string {
  const who = row.firmCompany ?? row.firmName ?? row.firmEmail ?? '';
  return row.firmCompany && row.firmName ? `${row.firmCompany} (${row.firmName})` : who;
}
