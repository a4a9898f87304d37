/** Statuses and outcomes in the reader's words: their catalog keys, one place for pages and mails. */
import type { MessageKey } from '../i18n/messages';
import type { IntroductionStatus, Outcome } from '../db/enums';

const statusKeys: Record<IntroductionStatus, MessageKey> = {
  new: 'introStatusNew',
  acknowledged: 'introStatusAcknowledged',
  diagnosis: 'introStatusDiagnosis',
  'partner-proposed': 'introStatusPartnerProposed',
  negotiating: 'introStatusNegotiating',
  'partnership-concluded': 'introStatusPartnershipConcluded',
  'closed-no-deal': 'introStatusClosedNoDeal',
  expired: 'introStatusExpired',
};

const outcomeKeys: Record<Outcome, MessageKey> = {
  'did-not-take-place': 'introOutcomeDidNotTakePlace',
  'not-enough-interest': 'introOutcomeNotEnoughInterest',
  'useful-no-cooperation': 'introOutcomeUsefulNoCooperation',
  'cooperation-likely': 'introOutcomeCooperationLikely',
  'partnership-concluded': 'introOutcomePartnershipConcluded',
};

/** A status in words for any translator (a page's, a mail's). */
export const statusWord = (t: (key: MessageKey) => string, s: string) => (s in statusKeys ? t(statusKeys[s as IntroductionStatus]) : s);

/** An outcome in words for any translator. */
export const outcomeWord = (t: (key: MessageKey) => string, o: string) => (o in outcomeKeys ? t(outcomeKeys[o as Outcome]) : o);
