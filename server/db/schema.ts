/**
 * The one database schema, shared by PGlite and node-postgres. Sort names are generated
 * through `pn_unaccent` (an immutable wrapper of unaccent, created by the first migration).
 * Search is not in the rows: the search index (server/search-index/) is derived from them.
 */
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  customType,
  index,
  uniqueIndex,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Language } from '../i18n';
import type { Direction, DevelopmentStatus, OrganizationKind, PartnershipType, ProgrammeStatus, PublicationState } from '../reference/vocabularies';
import type { ClaimStatus, EntityType, Frequency, FollowUpAnswer, IntroductionStatus, NotifyChoice, Outcome, ReviewStatus, Role, RunStatus, RunTrigger, Side, WithdrawalsDecision } from './enums';


const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** A text[] column that is never null: empty by default. */
const list = (name: string) => text(name).array().notNull().default(sql`'{}'`);

/** Who may see an entry, whether it is demo data, and when its sources withdrew it or it was deleted. */
const lifecycle = () => ({
  state: text('state').$type<PublicationState>().notNull().default('published'),
  demo: boolean('demo').notNull().default(false),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

/** Trust upkeep: fields edited locally (never overwritten by a sync), last confirmation, moderation. */
const upkeep = () => ({
  localFields: list('local_fields'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  moderationNote: text('moderation_note'),
  createdBy: uuid('created_by'),
});

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/**
 * Every write to a listed entry takes the next change number and records its transaction,
 * so the changes feed can follow writes in an order no later commit can slip into.
 */
const change = () => ({
  changeSeq: bigint('change_seq', { mode: 'number' }).notNull().default(sql`nextval('change_seq')`),
  changeXid: xid8('change_xid').notNull().default(sql`pg_current_xact_id()`),
});

export const regions = pgTable('regions', {
  code: char('code', { length: 3 }).primaryKey(),
  level: text('level').notNull(),
  parent: char('parent', { length: 3 }),
  nameEn: text('name_en').notNull(),
  nameFr: text('name_fr').notNull(),
  nameEs: text('name_es').notNull(),
});

export const countries = pgTable('countries', {
  alpha2: char('alpha2', { length: 2 }).primaryKey(),
  alpha3: char('alpha3', { length: 3 }).notNull().unique(),
  m49: char('m49', { length: 3 }).notNull(),
  region: char('region', { length: 3 }),
  subregion: char('subregion', { length: 3 }),
  intermediateRegion: char('intermediate_region', { length: 3 }),
  nameEn: text('name_en').notNull(),
  nameFr: text('name_fr').notNull(),
  nameEs: text('name_es').notNull(),
  variants: list('variants'),
  status: text('status').$type<DevelopmentStatus>().notNull(),
  ldc: boolean('ldc').notNull().default(false),
  lldc: boolean('lldc').notNull().default(false),
  sids: boolean('sids').notNull().default(false),
});

export const sectors = pgTable('sectors', {
  code: text('code').primaryKey(),
  section: char('section', { length: 1 }).notNull(),
  nameEn: text('name_en').notNull(),
  nameFr: text('name_fr'),
  nameEs: text('name_es'),
});

/** Which reference data set is loaded, so a changed file is reloaded and directions re-derived. */
export const referenceVersions = pgTable('reference_versions', {
  name: text('name').primaryKey(),
  hash: text('hash').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Server-side secrets (cursor signing key...) shared by every instance on one database. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    acronym: text('acronym'),
    kind: text('kind').$type<OrganizationKind>().notNull(),
    country: char('country', { length: 2 })
      .notNull()
      .references(() => countries.alpha2),
    website: text('website'),
    email: text('email'),
    phone: text('phone'),
    address: jsonb('address').$type<Address>(),
    description: text('description'),
    services: list('services'),
    sectors: list('sectors'),
    languages: list('languages'),
    networks: list('networks'),
    ...lifecycle(),
    ...upkeep(),
    sortName: text('sort_name').generatedAlwaysAs(sql`lower(pn_unaccent(name))`),
    ...change(),
    ...timestamps,
  },
  (t) => [
    index('organizations_country_idx').on(t.country),
    index('organizations_sort_idx').on(t.sortName, t.id),
    index('organizations_sectors_idx').using('gin', t.sectors),
    index('organizations_change_idx').on(t.changeSeq),
    index('organizations_change_xid_idx').on(t.changeXid, t.changeSeq),
  ],
);

export interface Address {
  street?: string;
  city?: string;
  postalCode?: string;
  region?: string;
  country?: string;
  text?: string;
}

export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    website: text('website'),
    originCountries: list('origin_countries'),
    targetCountries: list('target_countries'),
    funderCountries: list('funder_countries'),
    /** Derived from the countries' development status by `deriveDirection`, never typed in. */
    direction: text('direction').$type<Direction>(),
    partnershipTypes: list('partnership_types'),
    services: list('services'),
    sectors: list('sectors'),
    firmSizes: list('firm_sizes'),
    status: text('status').$type<ProgrammeStatus>().notNull().default('active'),
    ...lifecycle(),
    ...upkeep(),
    sortName: text('sort_name').generatedAlwaysAs(sql`lower(pn_unaccent(name))`),
    ...change(),
    ...timestamps,
  },
  (t) => [
    index('programmes_sort_idx').on(t.sortName, t.id),
    index('programmes_origin_idx').using('gin', t.originCountries),
    index('programmes_target_idx').using('gin', t.targetCountries),
    index('programmes_change_idx').on(t.changeSeq),
    index('programmes_change_xid_idx').on(t.changeXid, t.changeSeq),
  ],
);

export const programmeOperators = pgTable(
  'programme_operators',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.organizationId] }), index('programme_operators_org_idx').on(t.organizationId)],
);

/**
 * Another agency's organization named as an operator of a programme, waiting for that
 * organization's editor (or an operator of the network) to accept. Until then it is not an
 * operator: not listed on the programme, no rights over it. Accepting moves the row to
 * programme_operators, keeping its place in the list.
 */
export const programmeInvitations = pgTable(
  'programme_invitations',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.organizationId] }), index('programme_invitations_org_idx').on(t.organizationId)],
);

export interface CasePartner {
  name: string;
  country?: string;
}

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    summary: text('summary'),
    partners: jsonb('partners').$type<CasePartner[]>().notNull().default(sql`'[]'`),
    countries: list('countries'),
    partnershipType: text('partnership_type').$type<PartnershipType>(),
    sectors: list('sectors'),
    programmeId: uuid('programme_id').references(() => programmes.id, { onDelete: 'set null' }),
    year: integer('year'),
    outcome: text('outcome'),
    lessons: text('lessons'),
    state: text('state').$type<PublicationState>().notNull().default('published'),
    demo: boolean('demo').notNull().default(false),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    sortName: text('sort_name').generatedAlwaysAs(sql`lower(pn_unaccent(title))`),
    ...change(),
    ...timestamps,
  },
  (t) => [index('cases_sort_idx').on(t.sortName, t.id), index('cases_change_xid_idx').on(t.changeXid, t.changeSeq)],
);

export const caseOrganizations = pgTable(
  'case_organizations',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.organizationId] })],
);

/** A linked feed: where it is, how to read it, when to sync it. */
export const sources = pgTable('sources', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  network: text('network').notNull(),
  connector: text('connector').notNull().default('json'),
  url: text('url').notNull().default(''),
  mapping: jsonb('mapping'),
  schedule: text('schedule'),
  timezone: text('timezone').notNull().default('UTC'),
  enabled: boolean('enabled').notNull().default(true),
  maxBytes: bigint('max_bytes', { mode: 'number' }).notNull().default(50 * 1024 * 1024),
  timeLimitSeconds: integer('time_limit_seconds').notNull().default(1800),
  /** For conditional GET: a 304 ends the run with nothing to do. */
  etag: text('etag'),
  lastModified: text('last_modified'),
  /** When a run last read the whole feed: every record it did not withdraw was seen then. */
  lastCompleteAt: timestamp('last_complete_at', { withTimezone: true }),
  /** The SHA-256 of the body of the last good run (single-page feeds): the same bytes again mean nothing to do. */
  bodyHash: text('body_hash'),
  /** pnx: the peer's changes cursor after the last good run. */
  cursor: text('cursor'),
  /** When operators are mailed about runs: on-error, every-run or never. */
  notify: text('notify').$type<NotifyChoice>().notNull().default('on-error'),
  createdBy: uuid('created_by'),
  ...timestamps,
});

/** One execution of a source, with its counts and per-record errors. */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    status: text('status').$type<RunStatus>().notNull().default('queued'),
    trigger: text('trigger').$type<RunTrigger>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    counts: jsonb('counts').notNull().default(sql`'{"fetched":0,"created":0,"updated":0,"unchanged":0,"withdrawn":0,"rejected":0}'`),
    errors: jsonb('errors').notNull().default(sql`'[]'`),
    /** A safety stop held back this many withdrawals; an operator confirms or dismisses them. */
    heldWithdrawals: integer('held_withdrawals'),
    /** The provenance rows (seq) those withdrawals would take. */
    heldSeqs: bigint('held_seqs', { mode: 'number' }).array(),
    withdrawalsDecision: text('withdrawals_decision').$type<WithdrawalsDecision>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sync_runs_source_idx').on(t.sourceId, t.createdAt)],
);

/** Where an entry came from: one row per (source, external id). */
export const provenance = pgTable(
  'provenance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entityType: text('entity_type').$type<EntityType>().notNull(),
    entityId: uuid('entity_id').notNull(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    /** A small number for the row, so a run can remember the records it saw in a bitmap instead of writing to each. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    contentHash: text('content_hash'),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull().defaultNow(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('provenance_entity_idx').on(t.entityType, t.entityId),
    uniqueIndex('provenance_source_external_idx').on(t.sourceId, t.entityType, t.externalId),
    index('provenance_source_live_idx').on(t.sourceId, t.seq).where(sql`withdrawn_at is null`),
  ],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-cased; unique. */
  email: text('email').notNull().unique(),
  name: text('name'),
  /** A firm's company name and country, shown to the agency it asks for an introduction. */
  company: text('company'),
  country: char('country', { length: 2 }).references(() => countries.alpha2),
  passwordHash: text('password_hash').notNull(),
  roles: list('roles').$type<Role[]>(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  /** The language mails to this user are written in: chosen at sign-up, then the last one picked on the site. */
  language: text('language').$type<Language>().notNull().default('en'),
  ...timestamps,
});

/** Agency editors and the organizations they maintain. */
export const userOrganizations = pgTable(
  'user_organizations',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organizationId] }), index('user_organizations_org_idx').on(t.organizationId)],
);

/** express-session's store, in the same database for embedded and server alike. */
export const sessions = pgTable(
  'sessions',
  {
    sid: text('sid').primaryKey(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    data: jsonb('data').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  name: text('name'),
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const passwordResets = pgTable('password_resets', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Password checks by e-mail and by address, for rate limiting across instances: a row is
 * reserved before the password is checked (so concurrent attempts count at once) and stays
 * as a failure unless the check succeeds.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_attempts_key_idx').on(t.key, t.at)],
);

/**
 * Answers to POSTs kept for 24 hours so a repeat creates nothing: an API request's
 * Idempotency-Key (scope `user:<id>`, or `anon:<body hash>` before sign-in) and a page form's
 * one-time token (scope `form`). The row is reserved before the handler runs (status null),
 * so of two requests sent at once only one runs it; the other waits and answers the same.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** `POST /api/v1/organizations`: the same key on another route is refused. */
    route: text('route').notNull(),
    bodyHash: text('body_hash').notNull(),
    /** Null while the first request runs. */
    status: integer('status'),
    /** API: `{headers, body}` (body base64); forms: `{location, signedIn?, session?}`. */
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Who changed what, when, before and after: one row per write. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    tokenId: uuid('token_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_at_idx').on(t.at)],
);

/** Outgoing mail: sent through SMTP when MAIL_URL is set, otherwise kept here for operators to read. */
export const mailOutbox = pgTable('mail_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  kind: text('kind').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  error: text('error'),
});

/** An agency's claim to maintain an entry that came from a linked feed. */
export const claims = pgTable('claims', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  message: text('message'),
  status: text('status').$type<ClaimStatus>().notNull().default('pending'),
  reason: text('reason'),
  decidedBy: uuid('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What identifies an entry outside this directory, with its scheme: the id a network gives it
 * (scheme = the network, as `empretec` or `waipa`), a national registry number (`registry`, value
 * `<alpha-2>:<number>`). Used to match the same body arriving from several sources. The website
 * is an identifier too, but it is read from the entry itself.
 */
export const identifiers = pgTable(
  'identifiers',
  {
    entityType: text('entity_type').$type<EntityType>().notNull(),
    entityId: uuid('entity_id').notNull(),
    scheme: text('scheme').notNull(),
    value: text('value').notNull(),
    sourceId: uuid('source_id').references(() => sources.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.entityType, t.scheme, t.value, t.entityId] }), index('identifiers_entity_idx').on(t.entityType, t.entityId)],
);

/**
 * The duplicates review queue: a record a sync could not safely match. It went into an entry of
 * its own (`entityId`), which may be the same body as `candidateId`. An operator merges the two
 * or keeps them apart; the decision is keyed by the record (source, external id), so it holds
 * for every later sync, also after the source is cleared and read again.
 */
export const matchReviews = pgTable(
  'match_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entityType: text('entity_type').$type<EntityType>().notNull(),
    entityId: uuid('entity_id').notNull(),
    candidateId: uuid('candidate_id').notNull(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    score: real('score').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<ReviewStatus>().notNull().default('open'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('match_reviews_record_idx').on(t.sourceId, t.entityType, t.externalId, t.candidateId),
    index('match_reviews_status_idx').on(t.status, t.createdAt),
  ],
);

/**
 * A firm's partnership readiness check, kept for the user who took it (private to that user and
 * operators). The answers are kept with the scores they gave, so a later change of the
 * questionnaire's scoring never rewrites a past result.
 */
export const readinessAssessments = pgTable(
  'readiness_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Question id → answer 0..4. */
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    /** Criterion id → score 0..100. */
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    overall: integer('overall').notNull(),
    country: char('country', { length: 2 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('readiness_assessments_user_idx').on(t.userId, t.createdAt)],
);

/**
 * A firm's introduction request to an organization, or to a programme (then addressed to its
 * operators' organizations, kept in `recipients` as they were when it was sent).
 */
export const introductions = pgTable(
  'introductions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firmId: uuid('firm_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id').references(() => programmes.id, { onDelete: 'cascade' }),
    /** Organization ids that answer the request (its inbox owners). */
    recipients: list('recipients'),
    message: text('message').notNull(),
    partnershipType: text('partnership_type').$type<PartnershipType>(),
    partnerCountries: list('partner_countries'),
    status: text('status').$type<IntroductionStatus>().notNull().default('new'),
    followUpOn: text('follow_up_on'),
    /** Set by the daily job when the request stayed `new` for 14 days. */
    flaggedAt: timestamp('flagged_at', { withTimezone: true }),
    /** Set by the daily job when the agency's editors were reminded of a request still `new` after 7 days (once per request). */
    agencyRemindedAt: timestamp('agency_reminded_at', { withTimezone: true }),
    /** Set by the daily job when both sides were asked, 6 months after closing, how the contact went (once per request). */
    followUpAskedAt: timestamp('follow_up_asked_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('introductions_firm_idx').on(t.firmId, t.createdAt),
    index('introductions_recipients_idx').using('gin', t.recipients),
    index('introductions_status_idx').on(t.status, t.createdAt),
  ],
);

/** Every status change of a request: who, when, from, to, and the agency's note. */
export const introductionEvents = pgTable(
  'introduction_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    introductionId: uuid('introduction_id')
      .notNull()
      .references(() => introductions.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    fromStatus: text('from_status').$type<IntroductionStatus>(),
    toStatus: text('to_status').$type<IntroductionStatus>().notNull(),
    note: text('note'),
    followUpOn: text('follow_up_on'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('introduction_events_intro_idx').on(t.introductionId, t.at)],
);

/** How a closed request went, once per side (`firm` or `agency`). */
export const introductionOutcomes = pgTable(
  'introduction_outcomes',
  {
    introductionId: uuid('introduction_id')
      .notNull()
      .references(() => introductions.id, { onDelete: 'cascade' }),
    side: text('side').$type<Side>().notNull(),
    outcome: text('outcome').$type<Outcome>().notNull(),
    comment: text('comment'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.introductionId, t.side] })],
);

/**
 * The six-month question of a closed request, once per side (`firm` or `agency`): the hash of
 * the random token its mailed links carry (the token is the authority, no sign-in needed) and
 * the answer, which the side may change until the link is no longer kept.
 */
export const introductionFollowUps = pgTable(
  'introduction_follow_ups',
  {
    introductionId: uuid('introduction_id')
      .notNull()
      .references(() => introductions.id, { onDelete: 'cascade' }),
    side: text('side').$type<Side>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    answer: text('answer').$type<FollowUpAnswer>(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.introductionId, t.side] })],
);

/**
 * A user's saved search: the list query of /search, mailed weekly or monthly when new entries
 * match it. `lastSentAt` is where the next alert starts counting new entries (the save time at
 * first); it moves on at every due run, mail or not, so an entry is never announced twice.
 */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The search's filters, as the list query names them (`country: ['KE']`). */
    query: jsonb('query').$type<Record<string, unknown>>().notNull(),
    frequency: text('frequency').$type<Frequency>().notNull(),
    /** The page language at save time: the alerts are written in it. */
    lang: text('lang').$type<Language>().notNull().default('en'),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('saved_searches_user_idx').on(t.userId, t.createdAt), index('saved_searches_due_idx').on(t.lastSentAt)],
);
