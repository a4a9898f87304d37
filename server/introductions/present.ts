/** The JSON of an introduction request: the same fields for its firm, its agency and staff (nobody else reads one). */
import type { Detail } from '../commands/introductions';
import type { IntroductionRow } from '../db/introductions';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentIntroduction(row: IntroductionRow) {
  return {
    id: row.id,
    firmId: row.firmId,
    // Who asks: only its firm, its agency and staff read a request, and the firm agreed to this when it sent it.
    firm: { name: row.firmName, company: row.firmCompany, country: row.firmCountry, email: row.firmEmail },
    answeredBy: row.maintained ? ('agency' as const) : ('secretariat' as const),
    organizationId: row.organizationId,
    programmeId: row.programmeId,
    targetName: row.targetName,
    recipients: row.recipients,
    message: row.message,
    partnershipType: row.partnershipType,
    partnerCountries: row.partnerCountries,
    status: row.status,
    followUpOn: row.followUpOn,
    flaggedAt: iso(row.flaggedAt),
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentDetail(d: Detail) {
  return {
    ...presentIntroduction(d.introduction),
    history: d.events.map((e) => ({ from: e.fromStatus, to: e.toStatus, note: e.note, followUpOn: e.followUpOn, by: e.actorId, at: e.at.toISOString() })),
    outcomes: d.outcomes.map((o) => ({ side: o.side, outcome: o.outcome, comment: o.comment, at: o.createdAt.toISOString() })),
  };
}
