/** Statuses and outcomes in the reader's words: their catalog keys, one place for both pages. */
import type { MessageKey } from '../../i18n/messages';
import type { Outcome, Status } from '../../introductions/statuses';
import type { Page } from '../kit';

const statusKeys: Record<Status, MessageKey> = {
  new: 'introStatusNew',
  acknowledged: 'introStatusAcknowledged',
  diagnosis: 'introStatusDiagnosis',
  'partner-proposed': 'introStatusPartnerProposed',
  negotiating: 'introStatusNegotiating',
  'partnership-concluded': 'introStatusPartnershipConcluded',
  'closed-no-deal': 'introStatusClosedNoDeal',
};

const outcomeKeys: Record<Outcome, MessageKey> = {
  'did-not-take-place': 'introOutcomeDidNotTakePlace',
  'not-enough-interest': 'introOutcomeNotEnoughInterest',
  'useful-no-cooperation': 'introOutcomeUsefulNoCooperation',
  'cooperation-likely': 'introOutcomeCooperationLikely',
  'partnership-concluded': 'introOutcomePartnershipConcluded',
};

export const statusName = (page: Page, s: string) => (s in statusKeys ? page.t(statusKeys[s as Status]) : s);
export const outcomeName = (page: Page, o: string) => (o in outcomeKeys ? page.t(outcomeKeys[o as Outcome]) : o);
