/**
 * An organization's, a programme's and a case's own pages, each with schema.org JSON-LD,
 * links to the countries, programmes, cases and operators they name, and for an entry a
 * feed brought, a way for its agency to claim it.
 */
import type { RequestHandler } from 'express';
import { editsOrganization, maintains, maintainsAnyOf } from '../../auth/permissions';
import type { AppContext } from '../../context';
import { entriesOfOrganization } from '../../db/entries';
import { presentEntries, presentPublicEntries, readEntry } from '../../directory/read';
import { notFound } from '../../errors';
import type { OrganizationJson } from '../../presenters/organization';
import { isUuid } from '../../uuid';
import { html, type Html } from '../html';
import { caseDescription, organizationDescription, programmeDescription } from '../descriptions';
import { pageFor, type Page } from '../kit';
import { descriptionBlock, descriptionLine, textBlock } from '../rich-text';
import { caseItem, countryLink, countryLinks, entryList, field, joined, programmeItem } from './parts';

/** A page's entry id: an address that is not an id is a page that does not exist. */
function entryId(id: string | string[] | undefined): string {
  if (typeof id !== 'string' || !isUuid(id)) throw notFound('page');
  return id.toLowerCase();
}

/** The organizations of `ids` that the public may see, in that order, by name. */
async function organizationsNamed(ctx: AppContext, ids: string[]): Promise<OrganizationJson[]> {
  return presentPublicEntries(ctx, 'organization', ids);
}

const organizationLinks = (page: Page, orgs: OrganizationJson[]): Html[] =>
  orgs.map((o) => html`<a href="${page.href(`/organizations/${o.id}`)}">${o.name}</a>`);

const languageNames = (page: Page, codes: string[]): string[] => {
  const names = new Intl.DisplayNames(page.lang, { type: 'language', fallback: 'code' });
  return codes.map((c) => {
    try {
      return names.of(c) ?? c;
    } catch {
      return c;
    }
  });
};

const websiteField = (page: Page, url: string | null): Html | '' =>
  url ? html`<dt>${page.t('website')}</dt><dd><a href="${url}" rel="nofollow noopener">${url}</a></dd>` : '';

function organizationLd(page: Page, o: OrganizationJson, served: string[]) {
  const address = o.address ?? {};
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': page.absolute(`/organizations/${o.id}`),
    name: o.name,
    alternateName: o.acronym ?? undefined,
    url: o.website ?? undefined,
    email: o.email ?? undefined,
    telephone: o.phone ?? undefined,
    description: descriptionLine(o),
    address: { '@type': 'PostalAddress', addressCountry: o.country, addressLocality: address.city, streetAddress: address.street, postalCode: address.postalCode, addressRegion: address.region },
    areaServed: served.map((c) => ({ '@type': 'Country', name: page.countryName(c), identifier: c })),
    knowsLanguage: o.languages.length ? o.languages : undefined,
  };
}

export const organizationPage =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, named, sectorName, user } = page;
    const o = await readEntry(ctx, 'organization', entryId(req.params.id), user);
    const related = await entriesOfOrganization(ctx.database.db, o.id);
    const [programmes, cases] = await Promise.all([presentEntries(ctx, 'programme', related.programmes), presentEntries(ctx, 'case', related.cases)]);
    const served = [...new Set([o.country, ...programmes.flatMap((p) => p.targetCountries)])];
    const editor = !!user && editsOrganization(user, o.id);
    const address = o.address ? [o.address.text ?? [o.address.street, o.address.postalCode, o.address.city, o.address.region].filter(Boolean).join(', ')].filter(Boolean) : [];
    const actions = [
      // An agency does not ask itself for an introduction (the request would be refused).
      user && maintains(user, o.id) ? '' : html`<a href="${page.href(`/introductions/new?organization=${o.id}`)}">${t('askIntroduction')}</a>`,
      editor ? html`<a href="${page.href(`/account/organizations/${o.id}/edit`)}">${t('firmsEdit')}</a>` : '',
      o.provenance.length && !editor ? html`<a href="${page.href(`/organizations/${o.id}/claim`)}">${t('firmsClaim')}</a>` : '',
    ].filter(Boolean);
    const body = html`<h1>${o.name}${o.acronym ? ` (${o.acronym})` : ''}</h1>
${actions.length ? html`<p class="actions">${joined(actions, ' · ')}</p>` : ''}
${descriptionBlock(o)}
<dl><dt>${t('kind')}</dt><dd>${named('kind')(o.kind)}</dd><dt>${t('country')}</dt><dd>${countryLink(page, o.country)}</dd>
${field(t('firmsAddress'), address)}${websiteField(page, o.website)}
${o.email ? html`<dt>${t('firmsEmail')}</dt><dd><a href="mailto:${o.email}">${o.email}</a></dd>` : ''}${field(t('firmsPhone'), o.phone ? [o.phone] : [])}
${field(t('services'), o.services.map(named('service')))}${field(t('sectors'), o.sectors.map(sectorName))}${field(t('networks'), o.networks.map(named('network')))}${field(t('languages'), languageNames(page, o.languages))}
<dt>${t('updated')}</dt><dd>${page.date(o.updatedAt)}</dd></dl>
${o.provenance.length ? html`<p class="meta">${t('firmsFromFeed')}</p>` : ''}
${o.demo ? html`<p class="meta">${t('demo')}</p>` : ''}
<section aria-labelledby="org-programmes"><h2 id="org-programmes">${t('programmes')}</h2>${entryList(page, programmes, programmeItem(page))}</section>
<section aria-labelledby="org-cases"><h2 id="org-cases">${t('firmsCases')}</h2>${entryList(page, cases, caseItem(page))}</section>`;
    page.send({ title: o.name, body, ld: organizationLd(page, o, served), description: organizationDescription(page, o) });
  };

export const programmePage =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, named, sectorName } = page;
    const p = await readEntry(ctx, 'programme', entryId(req.params.id), page.user);
    const operators = await organizationsNamed(ctx, p.operators);
    const ownProgramme = !!page.user && maintainsAnyOf(page.user, p.operators);
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'Service',
      '@id': page.absolute(`/programmes/${p.id}`),
      name: p.name,
      description: descriptionLine(p),
      url: p.website ?? undefined,
      serviceType: p.partnershipTypes.map(named('partnershipType')),
      provider: operators.map((o) => ({ '@type': 'Organization', '@id': page.absolute(`/organizations/${o.id}`), name: o.name })),
      areaServed: p.targetCountries.map((c) => ({ '@type': 'Country', name: page.countryName(c), identifier: c })),
    };
    const body = html`<h1>${p.name}</h1>
${ownProgramme ? '' : html`<p class="actions"><a href="${page.href(`/introductions/new?programme=${p.id}`)}">${t('askIntroduction')}</a></p>`}${descriptionBlock(p)}
<dl>${field(t('operators'), organizationLinks(page, operators))}
<dt>${t('direction')}</dt><dd>${p.direction ? named('direction')(p.direction) : t('unknown')}</dd>
${field(t('from'), countryLinks(page, p.originCountries))}${field(t('to'), countryLinks(page, p.targetCountries))}${field(t('firmsFunders'), countryLinks(page, p.funderCountries))}
${field(t('partnershipTypes'), p.partnershipTypes.map(named('partnershipType')))}${field(t('services'), p.services.map(named('service')))}
${field(t('sectors'), p.sectors.map(sectorName))}${field(t('firmSizes'), p.firmSizes.map(named('firmSize')))}
${websiteField(page, p.website)}<dt>${t('updated')}</dt><dd>${page.date(p.updatedAt)}</dd></dl>
${p.demo ? html`<p class="meta">${t('demo')}</p>` : ''}`;
    page.send({ title: p.name, body, ld, description: programmeDescription(page, p) });
  };

export const casePage =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, named, sectorName } = page;
    const c = await readEntry(ctx, 'case', entryId(req.params.id), page.user);
    const [organizations, programmes] = await Promise.all([
      organizationsNamed(ctx, c.organizations),
      c.programme ? presentPublicEntries(ctx, 'programme', [c.programme]) : Promise.resolve([]),
    ]);
    const programme = programmes[0];
    const partners = c.partners.map((p) => (p.country ? `${p.name} (${page.countryName(p.country)})` : p.name));
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'Article',
      '@id': page.absolute(`/cases/${c.id}`),
      headline: c.title,
      abstract: c.summary ?? undefined,
      inLanguage: page.lang,
      dateModified: c.updatedAt,
      temporalCoverage: c.year ? String(c.year) : undefined,
      about: programme ? { '@type': 'Service', name: programme.name } : undefined,
      mentions: organizations.map((o) => ({ '@type': 'Organization', name: o.name })),
      spatialCoverage: c.countries.map((code) => ({ '@type': 'Country', name: page.countryName(code) })),
    };
    const body = html`<h1>${c.title}</h1>${textBlock(c.summary)}
<dl>${field(t('firmsPartners'), partners)}${field(t('countries'), countryLinks(page, c.countries))}
${field(t('firmsPartnershipType'), c.partnershipType ? [named('partnershipType')(c.partnershipType)] : [])}${field(t('sectors'), c.sectors.map(sectorName))}
${field(t('firmsYear'), c.year ? [String(c.year)] : [])}
${programme ? html`<dt>${t('firmsProgramme')}</dt><dd><a href="${page.href(`/programmes/${programme.id}`)}">${programme.name}</a></dd>` : ''}
${field(t('intermediaries'), organizationLinks(page, organizations))}
${c.outcome ? html`<dt>${t('outcome')}</dt><dd>${textBlock(c.outcome, 'text')}</dd>` : ''}${c.lessons ? html`<dt>${t('lessons')}</dt><dd>${textBlock(c.lessons, 'text')}</dd>` : ''}</dl>`;
    page.send({ title: c.title, body, ld, description: caseDescription(page, c) });
  };
