/** The operator CLI: `npm run cli -- <command>`. Each command calls the same code as the server. */
import { Command } from 'commander';
import { seedDemo } from '../server/commands/seed-demo';
import { rederiveDirections, syncReference } from '../server/commands/sync-reference';
import { openDatabase, type Database } from '../server/db/client';
import { EnvError, readEnv } from '../server/env';
import { loadReference } from '../server/reference';
import fs from 'node:fs';
import readline from 'node:readline';
import { Presets, SingleBar } from 'cli-progress';
import type { z } from 'zod';
import { startRun } from '../jobs/start-run';
import { clearSource, createSource, sourceProblems } from '../server/commands/sources';
import { decideDuplicate, listDuplicates } from '../server/commands/duplicates';
import { lastRunOf, listSources, sourceById } from '../server/db/sync';
import { sourceBody } from '../server/schemas/sources';
import { roles, type Role } from '../server/db/enums';
import { createUser } from '../server/commands/create-user';
import { setPassword } from '../server/commands/password-reset';
import { sendConfirmReminders } from '../server/commands/send-confirm-reminders';
import { flagUnansweredIntroductions } from '../server/commands/introductions';
import { remindUnansweredIntroductions } from '../server/commands/remind-introductions';
import { expireIntroductions } from '../server/commands/expire-introductions';
import { askIntroductionFollowUps } from '../server/commands/ask-follow-ups';
import { HttpError } from '../server/errors';
import { isUuid } from '../server/uuid';
import { createLogger } from '../server/logger';

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const env = readEnv();
  const database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, timeouts: env.databaseTimeouts });
  try {
    await syncReference(database.db, loadReference());
    return await work(database);
  } finally {
    await database.close();
  }
}

const where = () => {
  const env = readEnv();
  return env.databaseUrl ? `the PostgreSQL server (${new URL(env.databaseUrl).host})` : `the embedded database in ${env.dataDir}`;
};

/** EX_TEMPFAIL (sysexits.h): the source was busy; the same command later may well succeed. */
const SKIPPED_EXIT = 75;

const program = new Command()
  .name('npm run cli --')
  .description('Operate the Partnering Network directory. Uses DATABASE_URL when set, else the embedded database in DATA_DIR (stop the server first: an embedded database has one user at a time).')
  .showHelpAfterError();

program
  .command('migrate')
  .description('apply pending database migrations and load changed reference data')
  .action(() =>
    withDatabase(async () => {
      console.log(`Database is up to date: ${where()}.`);
    }),
  );

const seed = program.command('seed').description('load data sets');
seed
  .command('demo')
  .description('load the demo set of real agencies and programmes (skipped if already loaded)')
  .action(() =>
    withDatabase(async ({ db }) => {
      const result = await seedDemo(db, loadReference());
      console.log(
        result.status === 'seeded'
          ? `Loaded ${result.organizations} organizations, ${result.programmes} programmes and ${result.cases} cases into ${where()}.`
          : `The demo set is already loaded in ${where()}; nothing to do.`,
      );
    }),
  );

const reference = program.command('reference').description('reference data (countries, regions, sectors)');
reference
  .command('sync')
  .description('reload the reference data files if they changed, and re-derive programme directions')
  .option('--rederive', 're-derive every programme direction even if the files did not change')
  .action((opts: { rederive?: boolean }) =>
    withDatabase(async ({ db }) => {
      const ref = loadReference();
      const result = await syncReference(db, ref);
      const changed = opts.rederive ? await rederiveDirections(db, ref) : result.status === 'loaded' ? result.directionsChanged : 0;
      console.log(`Reference data ${result.status === 'loaded' ? 'reloaded' : 'already current'}; ${changed} programme direction(s) changed.`);
    }),
  );

/** A refusal of a command (bad password, taken e-mail) as the sentence an operator reads. */
function inWords(err: unknown): never {
  if (err instanceof HttpError) throw new Error(err.errors?.map((e) => `${e.path} ${e.message}`).join('; ') || err.message);
  throw err;
}

const users = program.command('users').description('accounts');
users
  .command('create')
  .description('create an account (the first admin, say); the password is read from standard input unless --password is given')
  .requiredOption('--email <email>', 'e-mail address')
  .option('--role <role...>', `roles: ${roles.join(', ')}`, ['admin'])
  .option('--organization <id...>', 'organizations an agency editor maintains')
  .option('--password <password>', 'password (visible to other users of this machine: prefer standard input)')
  .action((opts: { email: string; role: string[]; organization?: string[]; password?: string }) =>
    withDatabase(async (database) => {
      const unknown = opts.role.filter((r) => !(roles as readonly string[]).includes(r));
      if (unknown.length) throw new Error(`unknown role ${unknown.join(', ')}; roles are ${roles.join(', ')}`);
      const password = opts.password ?? (await readPassword());
      const id = await createUser({ database }, { email: opts.email, password, roles: opts.role as Role[], organizations: opts.organization, actorId: null }).catch(inWords);
      console.log(`Created ${opts.email} (${opts.role.join(', ')}) with id ${id} in ${where()}.`);
    }),
  );

users
  .command('set-password')
  .description('set an account\'s new password, read from standard input, and end its sessions, API tokens and reset links (the way back in when the site sends no mail)')
  .requiredOption('--email <email>', 'e-mail address of the account')
  .action((opts: { email: string }) =>
    withDatabase(async (database) => {
      const password = await readPassword();
      await setPassword({ database }, opts.email, password, { actorId: cliActor.user.id, requestId: cliActor.requestId }).catch((err: unknown) => {
        if (err instanceof HttpError && err.status === 404) throw new Error(`no account has the e-mail address ${opts.email}`);
        return inWords(err);
      });
      console.log(`New password set for ${opts.email} in ${where()}; its sessions, API tokens and reset links are ended.`);
    }),
  );

/** An id argument, checked before it reaches the database: a readable message, not a failed query. */
function uuidArg(id: string, what: string, listCommand: string): string {
  if (!isUuid(id)) throw new Error(`"${id}" is not a ${what} id; see npm run cli -- ${listCommand}`);
  return id;
}

/** Writes made from the CLI are audited under the nil UUID. */
const cliActor = { user: { id: '00000000-0000-0000-0000-000000000000', email: 'cli', roles: ['admin' as const], organizations: [] }, requestId: 'cli' };

const sourcesCmd = program.command('sources').description('linked feeds');
sourcesCmd
  .command('list')
  .description('list the sources with their last run')
  .action(() =>
    withDatabase(async ({ db }) => {
      for (const s of await listSources(db)) {
        const last = await lastRunOf(db, s.id);
        console.log(`${s.id}  ${s.name} [${s.connector}, ${s.network}] ${s.schedule ? `${s.schedule} ${s.timezone}` : 'on demand'}${s.enabled ? '' : ' (disabled)'}  last: ${last ? `${last.status} ${last.finishedAt?.toISOString() ?? ''}` : 'never'}`);
      }
    }),
  );
sourcesCmd
  .command('add')
  .description('link a feed')
  .requiredOption('--name <name>', 'name shown to operators')
  .requiredOption('--network <label>', 'network label: empretec and waipa have preset mappings')
  .requiredOption('--connector <connector>', 'json or csv')
  .requiredOption('--url <url>', 'address of the feed')
  .option('--mapping <file>', 'JSON file with the mapping (replaces the preset)')
  .option('--schedule <cron>', 'cron expression, e.g. "0 3 * * *"')
  .option('--timezone <zone>', 'time zone of the schedule', 'UTC')
  .action((opts: { name: string; network: string; connector: string; url: string; mapping?: string; schedule?: string; timezone: string }) =>
    withDatabase(async (database) => {
      const env = readEnv();
      const input = sourceInput(env, opts);
      try {
        const id = await createSource({ database, env }, cliActor, input);
        console.log(`Linked ${opts.name} as source ${id}. Run it with: npm run cli -- sources run ${id}`);
      } catch (err) {
        if (err instanceof HttpError) throw new Error(err.errors?.map((e) => `${e.path}: ${e.message}`).join('; ') || err.message);
        throw err;
      }
    }),
  );
sourcesCmd
  .command('run <id>')
  .description('sync a source now, with a progress bar on a terminal; exits 0 when it ran, 1 when it failed, 75 when another run of the source was in progress (nothing done)')
  .action((id: string) =>
    withDatabase(async (database) => {
      const env = readEnv();
      const source = await sourceById(database.db, uuidArg(id, 'source', 'sources list'));
      if (!source) throw new Error(`no source has id ${id}; see npm run cli -- sources list`);
      const ctx = { env, database, logger: createLogger('silent'), reference: loadReference() };
      const bar = process.stdout.isTTY ? new SingleBar({ format: '{bar} {value} records | created {created} updated {updated} unchanged {unchanged} rejected {rejected}', hideCursor: true }, Presets.shades_classic) : undefined;
      bar?.start(0, 0, { created: 0, updated: 0, unchanged: 0, rejected: 0 });
      const started = await startRun(ctx, source, 'manual', {
        onProgress: (c) => {
          bar?.setTotal(c.fetched);
          bar?.update(c.created + c.updated + c.unchanged + c.rejected, { ...c });
        },
      });
      if (started.status === 'skipped') {
        bar?.stop();
        console.log(`skipped: ${source.name} is already being synced (by the server's scheduler, another instance or another command); nothing was done. Try again when that run ends: npm run cli -- sources list`);
        process.exitCode = SKIPPED_EXIT;
        return;
      }
      const run = { id: started.runId };
      const result = await started.finished;
      bar?.stop();
      if (!result) throw new Error(`the run could not record its end: the database went away (run ${run.id}; the next start closes it as interrupted)`);
      const c = result.counts;
      console.log(`${result.status}: fetched ${c.fetched}, created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, withdrawn ${c.withdrawn}, rejected ${c.rejected}`);
      for (const e of result.errors.slice(0, 20)) console.log(`  ${e.line ? `line ${e.line}: ` : ''}${e.externalId ? `${e.externalId}: ` : ''}${e.message}`);
      if (result.errors.length > 20) console.log(`  … and ${result.errors.length - 20} more (GET /api/v1/sources/${source.id}/runs/${run.id})`);
      if (result.status === 'failed') process.exitCode = 1;
    }),
  );

sourcesCmd
  .command('clear <id>')
  .description('forget every record of a source (entries only it kept are withdrawn); its next run reads the feed as new')
  .action((id: string) =>
    withDatabase(async (database) => {
      const source = await sourceById(database.db, uuidArg(id, 'source', 'sources list'));
      if (!source) throw new Error(`no source has id ${id}; see npm run cli -- sources list`);
      const { forgotten } = await clearSource({ database, env: readEnv() }, cliActor, id);
      console.log(`Cleared ${source.name}: ${forgotten} records forgotten.`);
    }),
  );

const duplicates = program.command('duplicates').description('the review queue of doubtful matches across sources');
duplicates
  .command('list')
  .description('pairs waiting for a decision')
  .action(() =>
    withDatabase(async (database) => {
      const items = await listDuplicates({ database }, 'open', 500);
      if (items.length === 0) console.log('No pairs wait for a decision.');
      for (const d of items) {
        console.log(`${d.id}  ${d.entry?.name ?? '?'} (${d.entry?.country ?? d.type})  ~  ${d.candidate?.name ?? '?'} (${d.candidate?.country ?? d.type})\n    ${d.reason}`);
      }
    }),
  );
duplicates
  .command('decide <id> <decision>')
  .description('merge the pair, or keep-apart; later syncs follow the decision')
  .action((id: string, decision: string) =>
    withDatabase(async (database) => {
      if (decision !== 'merge' && decision !== 'keep-apart') throw new Error('the decision is merge or keep-apart');
      try {
        await decideDuplicate({ database }, cliActor, uuidArg(id, 'pair', 'duplicates list'), decision);
      } catch (err) {
        if (err instanceof HttpError) throw new Error(err.message);
        throw err;
      }
      console.log(decision === 'merge' ? 'Merged.' : 'Kept apart.');
    }),
  );

/**
 * The body of `sources add` from its options, or every problem with them at once, one a line:
 * the mapping file, the schema's checks, then the connector's, address's and mapping's.
 */
function sourceInput(env: ReturnType<typeof readEnv>, opts: { mapping?: string } & Record<string, unknown>): z.infer<typeof sourceBody> {
  const problems: string[] = [];
  let mapping: unknown;
  if (opts.mapping) {
    try {
      mapping = JSON.parse(fs.readFileSync(opts.mapping, 'utf8')) as unknown;
    } catch (err) {
      problems.push(`mapping: ${opts.mapping} is not a readable JSON file (${(err as Error).message})`);
    }
  }
  const parsed = sourceBody.safeParse({ ...opts, mapping });
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  problems.push(...issues.map((i) => `${i.path}: ${i.message}`));
  const faulty = new Set(issues.map((i) => i.path.split('.')[0]));
  if (opts.mapping && mapping === undefined) faulty.add('mapping');
  const given = (name: string) => (!faulty.has(name) && typeof opts[name] === 'string' ? (opts[name] as string) : undefined);
  const mappingReadable = !faulty.has('mapping');
  const more = sourceProblems({ env }, { connector: given('connector'), url: given('url'), network: mappingReadable ? given('network') : undefined, mapping: mappingReadable ? mapping : undefined });
  problems.push(...more.map((e) => `${e.path}: ${e.message}`));
  if (problems.length || !parsed.success) throw new Error(`the source was not linked:\n  ${problems.join('\n  ')}`);
  return parsed.data;
}


const reminders = program.command('reminders').description('confirmation reminders');
reminders
  .command('send')
  .description('mail the editors of entries not confirmed for 11 months (the scheduler does this daily)')
  .action(() =>
    withDatabase(async (database) => {
      const env = readEnv();
      const n = await sendConfirmReminders({ database, env, logger: createLogger('warn') });
      console.log(`Reminded the editors of ${n} entr${n === 1 ? 'y' : 'ies'}.`);
    }),
  );

const introductions = program.command('introductions').description('introduction requests');
introductions
  .command('follow-up')
  .description('run the daily introduction jobs now: remind agencies of requests unanswered for 7 days, flag those unanswered for 14 to the operators, expire those without a move for 60 days, ask both sides what came of requests closed 6 months ago (each mail goes once per request, however often this runs)')
  .action(() =>
    withDatabase(async (database) => {
      const ctx = { database, env: readEnv(), logger: createLogger('warn') };
      const now = new Date();
      const reminded = await remindUnansweredIntroductions(ctx, now);
      const flagged = await flagUnansweredIntroductions(ctx, now);
      const expired = await expireIntroductions(ctx, now);
      const asked = await askIntroductionFollowUps(ctx, now);
      console.log(`Introduction requests: ${reminded} reminded to their agency (7 days unanswered), ${flagged} flagged to the operators (14 days), ${expired} expired (60 days without a move), ${asked} asked about six months after closing.`);
    }),
  );

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (at least 12 characters): ');
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new Error('no password given on standard input');
}

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof EnvError ? err.message : `Error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
