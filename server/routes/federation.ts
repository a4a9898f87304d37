/** What peers, EMPRETEC, WAIPA and UNCTAD's site follow: the changes feed, an Atom feed and CSV exports. */
import { z } from 'zod';
import { defineRoute, json, media, ok, problem, sent, type Route } from '../api/route';
import type { AppContext } from '../context';
import { publishedIds, readChanges, recentlyChanged } from '../db/changes';
import { presentEntries } from '../directory/read';
import { badRequest } from '../errors';
import { escape } from '../escape';
import { caseSchema, type CaseJson } from '../presenters/case';
import { organizationSchema, type OrganizationJson } from '../presenters/organization';
import { programmeSchema, type ProgrammeJson } from '../presenters/programme';
import { changesQuery, exportQuery } from '../schemas/federation';
import { csvDownload } from './csv';

const list = (values: string[] | null | undefined) => (values ?? []).join(';');

const change = z.object({
  type: z.enum(['organization', 'programme', 'case']),
  id: z.uuid(),
  deleted: z.boolean().meta({ description: 'A tombstone: the entry was deleted or stopped being public' }),
  data: z.union([organizationSchema, programmeSchema, caseSchema]).optional().meta({ description: 'The entry as GET of its item answers; absent on a tombstone' }),
});

/** The Atom feed of the 50 entries changed last. */
async function atomFeed(ctx: AppContext): Promise<string> {
  const site = ctx.env.publicUrl;
  const recent = await recentlyChanged(ctx.database, 50);
  const entries: { id: string; title: string; updated: string; summary: string; link: string; category: string }[] = [];
  const orgs = await presentEntries(ctx, 'organization', recent.filter((r) => r.type === 'organization').map((r) => r.id));
  const progs = await presentEntries(ctx, 'programme', recent.filter((r) => r.type === 'programme').map((r) => r.id));
  for (const o of orgs) entries.push({ id: o.id, title: o.name, updated: o.updatedAt, summary: o.description ?? '', link: `${site}/organizations/${o.id}`, category: o.kind });
  for (const p of progs) entries.push({ id: p.id, title: p.name, updated: p.updatedAt, summary: p.description ?? '', link: `${site}/programmes/${p.id}`, category: p.direction ?? 'programme' });
  entries.sort((a, b) => b.updated.localeCompare(a.updated));
  const updated = entries[0]?.updated ?? new Date(0).toISOString();
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escape(site)}/feed.atom</id>
  <title>Partnering Network: new and changed entries</title>
  <updated>${updated}</updated>
  <link rel="self" href="${escape(site)}/feed.atom"/>
  <link rel="alternate" href="${escape(site)}/"/>
${entries
  .map(
    (e) => `  <entry>
    <id>urn:uuid:${e.id}</id>
    <title>${escape(e.title)}</title>
    <updated>${e.updated}</updated>
    <link href="${escape(e.link)}"/>
    <category term="${escape(e.category)}"/>
    <summary>${escape(e.summary)}</summary>
  </entry>`,
  )
  .join('\n')}
</feed>
`;
}

export const federationRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/changes',
    auth: 'public',
    operationId: 'listChanges',
    summary: 'Every entry in change order, with tombstones; follow nextCursor with since',
    description: 'With nothing new, `nextCursor` is the cursor given: the reader keeps it and asks again later.',
    tags: ['Federation'],
    query: changesQuery,
    responses: {
      200: json('A page of changes', z.object({ items: z.array(change), nextCursor: z.string().nullable(), hasMore: z.boolean() }).meta({ id: 'Changes' })),
      400: problem('A parameter is not valid, or the cursor was changed'),
    },
    handler: async ({ ctx, query: { since, limit } }) => {
      const after = since === undefined ? undefined : ctx.cursors.openPosition(since);
      if (since !== undefined && !after) throw badRequest([{ path: 'since', message: 'this cursor was changed or is not a changes cursor; start again without it' }]);
      const rows = await readChanges(ctx.database, after, limit + 1);
      const page = rows.slice(0, limit);
      const data = new Map<string, OrganizationJson | ProgrammeJson | CaseJson>();
      for (const kind of ['organization', 'programme', 'case'] as const) {
        const ids = page.filter((r) => r.type === kind && !r.deleted).map((r) => r.id);
        for (const entry of await presentEntries(ctx, kind, ids)) data.set(entry.id, entry);
      }
      const last = page[page.length - 1];
      return ok({
        items: page.map((r) => ({ type: r.type, id: r.id, deleted: r.deleted, ...(r.deleted ? {} : { data: data.get(r.id) }) })),
        nextCursor: last ? ctx.cursors.sealPosition({ xid: last.xid, seq: last.seq }) : (since ?? null),
        hasMore: rows.length > limit,
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/feed.atom',
    auth: 'public',
    operationId: 'atomFeed',
    summary: 'Atom feed of the 50 most recently changed entries',
    tags: ['Federation'],
    responses: { 200: media('Atom XML', 'application/atom+xml') },
    handler: async ({ ctx, res }) => {
      res.type('application/atom+xml; charset=utf-8').send(await atomFeed(ctx));
      return sent;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/export.csv',
    auth: 'public',
    operationId: 'exportCsv',
    summary: 'All published organizations or programmes as CSV',
    description: 'A header row; lists joined by `;`; a cell a spreadsheet would read as a formula starts with `\'`.',
    tags: ['Federation'],
    query: exportQuery,
    responses: { 200: media('CSV with a header row', 'text/csv') },
    handler: async ({ ctx, res, query: { type } }) => {
      const kind = type === 'organizations' ? 'organization' : 'programme';
      const columns =
        kind === 'organization'
          ? ['id', 'name', 'acronym', 'kind', 'country', 'website', 'email', 'phone', 'city', 'description', 'services', 'sectors', 'languages', 'networks', 'updatedAt']
          : ['id', 'name', 'operators', 'originCountries', 'targetCountries', 'funderCountries', 'direction', 'partnershipTypes', 'services', 'sectors', 'firmSizes', 'status', 'website', 'description', 'updatedAt'];
      const csv = csvDownload(res, `${type}.csv`, columns);
      // In batches by id, so an export of a large directory never holds it all in memory.
      let after: string | null = null;
      for (;;) {
        const ids = await publishedIds(ctx.database, kind, after, 1000);
        if (ids.length === 0) break;
        if (kind === 'organization') {
          for (const o of await presentEntries(ctx, 'organization', ids)) {
            csv.write([o.id, o.name, o.acronym, o.kind, o.country, o.website, o.email, o.phone, o.address?.city, o.description, list(o.services), list(o.sectors), list(o.languages), list(o.networks), o.updatedAt]);
          }
        } else {
          for (const p of await presentEntries(ctx, 'programme', ids)) {
            csv.write([p.id, p.name, list(p.operators), list(p.originCountries), list(p.targetCountries), list(p.funderCountries), p.direction, list(p.partnershipTypes), list(p.services), list(p.sectors), list(p.firmSizes), p.status, p.website, p.description, p.updatedAt]);
          }
        }
        after = ids[ids.length - 1] ?? null;
      }
      csv.end();
      return sent;
    },
  }),
];
