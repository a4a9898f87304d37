/**
 * A request's arrival: the agency that maintains the organization it went to is mailed, in each
 * editor's language, with who is asking and a link to the request's page; a request to an entry
 * no agency maintains (a feed or demo entry) goes to the operators, who broker it as the
 * network's secretariat. The firm is mailed who will answer.
 */
import type { AppContext } from '../context';
import { answeringOrganizations } from '../db/introduction-people';
import { introductionById, type IntroductionRow } from '../db/introductions';
import { label } from '../i18n/vocabulary';
import { mailTo, type MailWords } from '../localized-mail';
import { loadReference } from '../reference';
import { agencyRecipients } from './sides';

type Ctx = Pick<AppContext, 'database' | 'env' | 'logger'>;

/** The firm as a mail's subject names it: its company, else its person, else its address. */
export const whoAsks = (i: IntroductionRow) => i.firmCompany ?? i.firmName ?? i.firmEmail ?? '';

const countryIn = (alpha2: string, w: MailWords) => loadReference().countryByAlpha2.get(alpha2)?.names[w.lang] ?? alpha2;

const detailIn = (w: MailWords) => (key: Parameters<MailWords['t']>[0], value: string | null) =>
  `${w.t(key)}${w.lang === 'fr' ? '\u00a0:' : ':'} ${value ?? w.t('loopNotGiven')}`;

/** "Who is asking" and the firm's details, "not given" where the firm left one out; the reminders repeat them. */
export function askingLines(i: IntroductionRow, w: MailWords): string[] {
  const detail = detailIn(w);
  return [
    `${w.t('loopAskingTitle')}${w.lang === 'fr' ? '\u00a0:' : ':'}`,
    detail('loopName', i.firmName),
    detail('loopCompany', i.firmCompany),
    detail('loopCountry', i.firmCountry && countryIn(i.firmCountry, w)),
    detail('loopEmail', i.firmEmail),
  ];
}

/** The request as the answering side reads it: who asks, what for, and the link to answer. */
function arrivalText(i: IntroductionRow, w: MailWords, bySecretariat: boolean) {
  const { t } = w;
  const name = i.targetName ?? '';
  const who = whoAsks(i);
  const detail = detailIn(w);
  const lines = [t(bySecretariat ? 'loopMailSecretariatIntro' : 'loopMailArrivalIntro', { who, name }), '', ...askingLines(i, w)];
  if (i.partnershipType) lines.push(detail('introPartnershipType', label('partnershipType', i.partnershipType, w.lang)));
  if (i.partnerCountries.length) lines.push(detail('introPartnerCountries', i.partnerCountries.map((c) => countryIn(c, w)).join(', ')));
  lines.push('', t('loopMailSeeks'), i.message, '', t('loopMailAnswer', { link: w.page(`/introductions/${i.id}`) }));
  return { subject: t('loopMailArrivalSubject', { name, who }), text: lines.join('\n') };
}

/** Mails the answering side and the firm about a request just sent. */
export async function announceIntroduction(ctx: Ctx, id: string): Promise<void> {
  const i = await introductionById(ctx.database.db, id);
  if (!i) return;
  const [answering, readers] = await Promise.all([answeringOrganizations(ctx.database.db, i.recipients), agencyRecipients(ctx.database.db, i.recipients)]);
  const bySecretariat = readers.brokered;
  for (const reader of readers.to) await mailTo(ctx, reader, 'introduction-received', (w) => arrivalText(i, w, bySecretariat));
  if (!i.firmEmail) return;
  const name = i.targetName ?? '';
  await mailTo(ctx, { email: i.firmEmail, language: i.firmLanguage ?? 'en' }, 'introduction-sent', ({ t, date, page }) => ({
    subject: t('loopMailSentSubject', { name }),
    text: [
      t('loopMailSentIntro', { name, date: date(i.createdAt) }),
      bySecretariat ? t('loopAnswerSecretariat') : t('loopAnswerAgency', { name: answering.map((o) => o.name).join(', ') }),
      '',
      t('loopMailFollow', { link: page(`/introductions/${i.id}`) }),
    ].join('\n'),
  }));
}
