import cron from 'node-cron';
import { z } from 'zod';
import { connectorNames } from '../../jobs/connectors';
import { mappingSchema } from '../../jobs/mapping';
import { runStatuses, runTriggers } from '../db/enums';

const timezones = new Set(Intl.supportedValuesOf('timeZone').concat(['UTC']));

const fields = {
  name: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  network: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a lowercase label such as empretec, waipa or peer'),
  connector: z.enum(connectorNames, `must be one of: ${connectorNames.join(', ')}`),
  url: z.string().max(2000, 'at most 2000 characters'),
  mapping: mappingSchema.nullish(),
  schedule: z
    .string()
    .max(100)
    .refine((v) => cron.validate(v), 'not a valid cron expression (five or six fields, e.g. "0 3 * * *")')
    .nullish(),
  timezone: z.string().refine((v) => timezones.has(v), 'not a known time zone (e.g. UTC, Africa/Nairobi)'),
  enabled: z.boolean(),
  maxBytes: z.number().int().min(1024).max(1024 * 1024 * 1024),
  timeLimitSeconds: z.number().int().min(10).max(6 * 3600),
  notify: z.enum(['on-error', 'every-run', 'never'], 'must be on-error, every-run or never'),
};

export const sourceBody = z
  .strictObject({ ...fields, timezone: fields.timezone.default('UTC'), enabled: fields.enabled.default(true), maxBytes: fields.maxBytes.optional(), timeLimitSeconds: fields.timeLimitSeconds.optional(), notify: fields.notify.default('on-error') })
  .meta({ id: 'SourceInput' });
export const sourcePatch = z.strictObject(fields).partial().meta({ id: 'SourcePatch' });

export const withdrawalsBody = z
  .strictObject({ decision: z.enum(['confirm', 'dismiss'], 'must be confirm or dismiss') })
  .meta({ id: 'WithdrawalsDecision' });

const previewError = z.object({ externalId: z.string().optional(), line: z.number().int().optional(), message: z.string() });
export const previewResult = z
  .object({
    records: z.array(z.looseObject({ type: z.enum(['organization', 'programme']), line: z.number().int().optional() })).meta({ description: 'The first records (at most 10) as the import would store them: `type` (organization or programme), the mapped fields, and `line` where the format has lines' }),
    errors: z.array(previewError).meta({ description: 'Rejected records and warnings (with externalId and line), and faults of the feed itself (message only)' }),
    total: z.number().int().optional().meta({ description: 'Records on the first page, when the preview read it to its end' }),
  })
  .meta({ id: 'SourcePreview' });

export const runCounts = z.object({ fetched: z.number().int(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), withdrawn: z.number().int(), rejected: z.number().int() });

export const runErrors = z.array(z.object({ externalId: z.string().optional(), line: z.number().int().optional(), message: z.string() }));

/** A sync run as the API shows it (presenters/source.ts). `skipped`: another run of the source held its lock; it never counts as the source's last status. */
export const runJson = z
  .object({
    id: z.uuid(),
    source: z.uuid(),
    status: z.enum(runStatuses),
    trigger: z.enum(runTriggers),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    counts: runCounts.meta({ description: 'While the run is running: the records handled so far, written after every batch' }),
    errors: runErrors,
    heldWithdrawals: z.number().int().nullable(),
    withdrawalsDecision: z.string().meta({ enum: ['confirmed', 'dismissed'] }).nullable(),
  })
  .meta({ id: 'SyncRun' });

/** What starting a run answers: `skipped` when another run of the source was in progress (nothing was done). */
export const runStarted = z.object({ id: z.uuid(), status: z.enum(['queued', 'skipped']) }).meta({ id: 'RunStarted' });
