/**
 * The layers of the code, checked by `npm run lint:layers` and test/architecture.test.ts.
 * README.md ("Code layout") describes them; bottom to top:
 *   1. base       server/{env,logger,errors,paths,deadline,escape,sanitize,cookies,uuid,storable,process-alive}.ts, server/i18n/,
 *                 server/reference/, and server/db/timeouts.ts (plain numbers, so env.ts can name their defaults)
 *   2. data       server/db/ — the only place that writes SQL
 *   3. rules      server/auth/{permissions,roles,password}.ts — who may do what
 *   4. domain     server/{schemas,commands,directory,search-index,matchmaking,introductions,readiness,presenters}/,
 *                 the mail modules, the sync pipeline jobs/ (but jobs/scheduler.ts)
 *   5. schedule   jobs/scheduler.ts
 *   6. HTTP       server/{routes,pages,api}/, server/auth/middleware.ts and the other request handlers
 *   7. composition server/{app,boot,main}.ts, scripts/
 * A module imports its own layer or lower ones; type-only imports count too.
 */

const base = '^server/(?:(?:env|logger|errors|paths|deadline|escape|sanitize|cookies|uuid|storable|process-alive|db/timeouts)\\.ts$|i18n/|reference/)';
const data = '^server/db/';
const rules = '^server/auth/(?:permissions|roles|password)\\.ts$';
const domain = '^server/(?:schemas|commands|directory|search-index|matchmaking|introductions|readiness|presenters)/|^server/(?:mail|localized-mail|context|cursor)\\.ts$';
const pipeline = '^jobs/(?!scheduler\\.ts$)';
const http = '^server/(?:routes|pages|api)/|^server/auth/middleware\\.ts$';
const composition = '^server/(?:app|boot|main)\\.ts$';
/** Any module of the project itself (not a package, not Node's). */
const ours = '^(?:server|jobs|scripts)/';

/**
 * Known cycles, tolerated until the work that removes them lands; remove each entry then.
 * A cycle is tolerated only when every module in it is listed here (the madge check in
 * test/architecture.test.ts reads the same list). None is left.
 */
const knownCycles = [];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle means two modules are one: move what both need into a lower module.',
      from: {},
      to: knownCycles.length ? { circular: true, via: { pathNot: knownCycles } } : { circular: true },
    },
    {
      name: 'base-imports-only-base',
      severity: 'error',
      comment: 'Configuration, logging, errors, reference data and pure helpers depend on nothing of the project above them.',
      from: { path: base },
      to: { path: ours, pathNot: base },
    },
    {
      name: 'db-imports-only-base',
      severity: 'error',
      comment: 'server/db is the data layer: it may use base modules and itself, never mail, context, commands or HTTP.',
      from: { path: data },
      to: { path: ours, pathNot: [base, data] },
    },
    {
      name: 'rules-import-only-data-and-base',
      severity: 'error',
      comment: 'Authorisation rules are functions over an actor and a record: no commands, no HTTP.',
      from: { path: rules },
      to: { path: ours, pathNot: [base, data, rules] },
    },
    {
      name: 'jobs-only-from-domain-up',
      severity: 'error',
      comment: 'Nothing below the domain layer (base, db, authorisation rules) uses the sync pipeline or the scheduler.',
      from: { path: [base, data, rules] },
      to: { path: '^jobs/' },
    },
    {
      name: 'pipeline-not-commands',
      severity: 'error',
      comment: 'The sync pipeline is used by commands (commands/sources.ts), not the other way round; the scheduler may call both.',
      from: { path: pipeline },
      to: { path: '^server/commands/' },
    },
    {
      name: 'scheduler-only-from-http-up',
      severity: 'error',
      comment: 'The scheduler sits above commands and the pipeline: they must not import it.',
      from: { path: [base, data, rules, domain, pipeline] },
      to: { path: '^jobs/scheduler\\.ts$' },
    },
    {
      name: 'domain-not-http',
      severity: 'error',
      comment: 'Commands, schemas, presenters, mail and the pipeline know nothing of routers, pages or request middleware.',
      from: { path: [domain, pipeline] },
      to: { path: http },
    },
    {
      name: 'routes-not-pages',
      severity: 'error',
      comment: 'The API and the pages are siblings: what both need lives below them.',
      from: { path: '^server/routes/' },
      to: { path: '^server/pages/' },
    },
    {
      name: 'pages-not-routes',
      severity: 'error',
      comment: 'The pages call commands and schemas, never the API routers or their helpers.',
      from: { path: '^server/pages/' },
      to: { path: '^server/routes/' },
    },
    {
      name: 'no-route-schemas-below-http',
      severity: 'error',
      comment: 'Input schemas shared by commands and pages live in server/schemas/, not beside a router.',
      from: { path: '^server/(?:commands|pages)/' },
      to: { path: '^server/routes/[^/]+/schema\\.ts$' },
    },
    {
      name: 'composition-only-from-scripts',
      severity: 'error',
      comment: 'app, boot and main assemble everything; only scripts (and tests) start them.',
      from: { path: ours, pathNot: ['^scripts/', composition] },
      to: { path: composition },
    },
    {
      name: 'sql-only-in-db',
      severity: 'error',
      comment: 'Only server/db talks to the database: drizzle-orm and the drivers are imported there alone (benchmarks measure the database itself).',
      from: { path: ours, pathNot: [data, '^scripts/bench'] },
      to: { path: 'node_modules/(?:drizzle-orm|pg|@electric-sql/pglite)/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(?:dist|client|data)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports are dependencies too: a cycle through types still ties two modules together.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
