/**
 * Every mail read as its recipient reads it, through a real SMTP server: in the language the
 * recipient chose (French, Spanish, English), dates and statuses in words, links to pages on
 * PUBLIC_URL that open in that language, never an API route.
 */
import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import { flagUnansweredIntroductions } from '../../../server/commands/introductions';
import { sendConfirmReminders } from '../../../server/commands/send-confirm-reminders';
import { listMail } from '../../../server/db/outbox';
import type { Language } from '../../../server/i18n';
import { inFlight } from '../../../jobs/start-run';
import { makeOrganization } from '../../factories';
import { mailServer, type MailServer } from '../../mail-server';
import { signedIn, testApp, type TestApp } from '../../support';

const PUBLIC = 'http://directory.example.org';
let t: TestApp;
let mail: MailServer;
beforeAll(async () => {
  mail = await mailServer();
  t = await testApp({ MAIL_URL: mail.url, PUBLIC_URL: PUBLIC, FEED_ALLOW_PRIVATE: '1' });
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

type Person = Awaited<ReturnType<typeof signedIn>>;
const post = (who: Person, path: string, body: object = {}) => who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);

/** The last mail to this person, as their mail reader shows it. */
function lastMail(to: Person): { subject: string; text: string } {
  const got: ParsedMail | undefined = mail.to(to.email).at(-1);
  if (!got) throw new Error(`no mail to ${to.email}`);
  return { subject: got.subject ?? '', text: got.text ?? '' };
}

const links = (text: string) => text.match(/https?:\/\/\S+/g) ?? [];
const statusCodes = /\b(new|acknowledged|diagnosis|partner-proposed|negotiating|partnership-concluded|closed-no-deal|succeeded|failed|partial)\b/;

/** What any reader would notice: no ISO date, no raw status code, every link a page of PUBLIC_URL in the mail's language. */
function readsRight(m: { subject: string; text: string }, lang: Language, elsewhere: string[] = []) {
  const all = `${m.subject}\n${m.text}`;
  expect(all).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  if (lang !== 'en') expect(all).not.toMatch(statusCodes);
  expect(all).not.toContain('/api/');
  // French typesetting: a no-break space before : ; ? ! (links, which hold colons of their own, aside).
  if (lang === 'fr') expect(all.replace(/https?:\/\/\S+/g, '')).not.toMatch(/[^\u00a0\u202f][:;?!]/);
  expect(links(m.text).length).toBeGreaterThan(0);
  for (const link of links(m.text).filter((l) => !elsewhere.some((e) => l.startsWith(e)))) {
    expect(link.startsWith(`${PUBLIC}/`)).toBe(true);
    expect(new URL(link).searchParams.get('lang')).toBe(lang);
  }
}

describe('When an agency that signed up in French registers its organization', () => {
  it('then the receipt and the refusal are in French, with accents intact over SMTP and the operator\'s reason', async () => {
    const agency = await signedIn(t, ['agency-editor'], [], 'fr');
    const operator = await signedIn(t, ['operator']);
    const registered = await post(agency, '/api/v1/organizations', { name: 'Agence régionale de Thiès', kind: 'investment-promotion-agency', country: 'SN' });
    expect(registered.status).toBe(201);
    const id: string = registered.body.id;
    const receipt = lastMail(agency);
    expect(receipt.subject).toBe('Inscription reçue\u00a0: Agence régionale de Thiès');
    expect(receipt.text).toContain('Merci d’avoir inscrit Agence régionale de Thiès dans l’annuaire Partnering Network.');
    expect(receipt.text).toContain(`Votre compte\u00a0: ${PUBLIC}/account?lang=fr`);
    readsRight(receipt, 'fr');

    expect((await post(operator, `/api/v1/organizations/${id}/reject`, { reason: 'Déjà inscrite sous un autre nom.' })).status).toBe(200);
    const refusal = lastMail(agency);
    expect(refusal.subject).toBe('Inscription non publiée\u00a0: Agence régionale de Thiès');
    expect(refusal.text).toContain('Motif donné par l’opérateur\u00a0: Déjà inscrite sous un autre nom.');
    expect(refusal.text).toContain(`${PUBLIC}/account/organizations/${id}/edit?lang=fr`);
    readsRight(refusal, 'fr');
  });
});

describe('When an operator approves a Spanish agency\'s organization and verifies a Spanish claim', () => {
  it('then both mails are in Spanish and link to the entry\'s pages', async () => {
    const agency = await signedIn(t, ['agency-editor'], [], 'es');
    const operator = await signedIn(t, ['operator']);
    const registered = await post(agency, '/api/v1/organizations', { name: 'ProColombia Cali', kind: 'investment-promotion-agency', country: 'CO' });
    expect(registered.status).toBe(201);
    const id: string = registered.body.id;
    expect((await post(operator, `/api/v1/organizations/${id}/approve`)).status).toBe(200);
    const approved = lastMail(agency);
    expect(approved.subject).toBe('ProColombia Cali ya figura en el directorio');
    expect(approved.text).toContain(`Ver la ficha: ${PUBLIC}/organizations/${id}?lang=es`);
    readsRight(approved, 'es');

    const feedEntry = await makeOrganization(t.ctx, { name: 'Cámara de Comercio de Lima', country: 'PE' });
    const claimant = await signedIn(t, ['agency-editor'], [], 'es');
    const claim = await post(claimant, `/api/v1/organizations/${feedEntry}/claims`, { message: 'Dirijo la oficina de enlaces.' });
    expect(claim.status).toBe(201);
    expect((await post(operator, `/api/v1/claims/${claim.body.id}/verify`)).status).toBe(204);
    const verified = lastMail(claimant);
    expect(verified.subject).toBe('Ahora gestiona Cámara de Comercio de Lima');
    expect(verified.text).toContain('Un operador verificó su solicitud: ya puede editar Cámara de Comercio de Lima.');
    readsRight(verified, 'es');
  });
});

describe('When a French reader forgets their password', () => {
  it('then the reset mail is in French and leads to the reset page in French, its token hidden from the outbox', async () => {
    const reader = await signedIn(t, ['firm'], [], 'fr');
    expect((await request(t.app).post('/api/v1/auth/password-reset').send({ email: reader.email })).status).toBe(202);
    const reset = lastMail(reader);
    expect(reset.subject).toBe('Réinitialisation de votre mot de passe Partnering Network');
    expect(reset.text).toContain('ouvrez ce lien dans les 60 minutes\u00a0:');
    expect(reset.text).toMatch(new RegExp(`^${PUBLIC}/reset-password\\?token=pnr_[\\w-]+&lang=fr$`, 'm'));
    readsRight(reset, 'fr');
    const [kept] = await listMail(t.ctx.database.db, { to: reader.email, kind: 'password-reset' }, 1);
    expect(kept?.text).toContain(`${PUBLIC}/reset-password?token=[hidden]&lang=fr`);
    expect(kept?.text).not.toMatch(/pnr_/);
  });
});

describe('When an entry has gone unconfirmed for 11 months', () => {
  it('then a Spanish editor is reminded in Spanish with the date in words', async () => {
    const old = new Date(Date.UTC(2025, 0, 15, 12));
    const entry = await makeOrganization(t.ctx, { name: 'Agencia de Fomento de Jalisco', country: 'MX', confirmedAt: old });
    const editor = await signedIn(t, ['agency-editor'], [entry], 'es');
    await sendConfirmReminders(t.ctx);
    const reminder = lastMail(editor);
    expect(reminder.subject).toBe('¿Sigue al día la ficha de Agencia de Fomento de Jalisco?');
    expect(reminder.text).toContain('se confirmó por última vez el 15 de enero de 2025.');
    expect(reminder.text).toContain(`Editar la ficha: ${PUBLIC}/account/organizations/${entry}/edit?lang=es`);
    readsRight(reminder, 'es');
  });
});

describe('When an agency moves a French firm\'s introduction request', () => {
  let firm: Person;
  let editor: Person;
  let id: string;
  beforeAll(async () => {
    const agency = await makeOrganization(t.ctx, { name: 'Business France Dakar', country: 'SN' });
    firm = await signedIn(t, ['firm'], [], 'fr');
    editor = await signedIn(t, ['agency-editor'], [agency]);
    const asked = await post(firm, '/api/v1/introductions', { organizationId: agency, message: 'Nous cherchons un distributeur de mangues séchées.' });
    expect(asked.status).toBe(201);
    id = asked.body.id;
  });

  it('then the firm reads the status in French words, the follow-up date in words, and a link to the request\'s page', async () => {
    expect((await post(editor, `/api/v1/introductions/${id}/status`, { status: 'acknowledged' })).status).toBe(200);
    expect((await post(editor, `/api/v1/introductions/${id}/status`, { status: 'diagnosis', note: 'We call you on Monday.', followUpOn: '2099-03-15' })).status).toBe(200);
    const moved = lastMail(firm);
    expect(moved.subject).toBe('Votre demande de mise en relation\u00a0: Diagnostic');
    expect(moved.text).toContain('Votre demande de mise en relation adressée à Business France Dakar en est désormais à l’étape «\u00a0Diagnostic\u00a0».');
    expect(moved.text).toContain('Note de l’agence\u00a0: We call you on Monday.');
    expect(moved.text).toContain('Prochain suivi\u00a0: le 15 mars 2099');
    expect(moved.text).toContain(`Suivre la demande\u00a0: ${PUBLIC}/introductions/${id}?lang=fr`);
    readsRight(moved, 'fr');
  });

  it('then a request closed without a deal says it is closed, in words', async () => {
    expect((await post(editor, `/api/v1/introductions/${id}/status`, { status: 'closed-no-deal' })).status).toBe(200);
    const closed = lastMail(firm);
    expect(closed.subject).toBe('Votre demande de mise en relation\u00a0: Close sans accord');
    expect(closed.text).toContain('Votre demande de mise en relation adressée à Business France Dakar a pris fin\u00a0: «\u00a0Close sans accord\u00a0».');
    readsRight(closed, 'fr');
  });
});

describe('When an agency moves an English firm\'s request', () => {
  it('then the status is the word the pages show, capitalised as a name, not its code', async () => {
    const agency = await makeOrganization(t.ctx, { name: 'Kenya Export Desk', country: 'KE' });
    const firm = await signedIn(t, ['firm']);
    const editor = await signedIn(t, ['agency-editor'], [agency]);
    const asked = await post(firm, '/api/v1/introductions', { organizationId: agency, message: 'We look for a tea packer.' });
    expect((await post(editor, `/api/v1/introductions/${asked.body.id}/status`, { status: 'acknowledged', followUpOn: '2099-01-04' })).status).toBe(200);
    const moved = lastMail(firm);
    expect(moved.subject).toBe('Your introduction request: Acknowledged');
    expect(moved.text).toContain('Your introduction request to Kenya Export Desk is now at the step “Acknowledged”.');
    expect(moved.text).toContain('Next follow-up: 4 January 2099');
    readsRight(moved, 'en');
  });
});

describe('When introduction requests go unanswered and the operators are told', () => {
  it('then each operator reads the digest in their own language, with the sending dates in words', async () => {
    const agency = await makeOrganization(t.ctx, { name: 'Quiet Agency', country: 'GH' });
    const firm = await signedIn(t, ['firm']);
    const asked = await post(firm, '/api/v1/introductions', { organizationId: agency, message: 'We look for a cocoa partner.' });
    expect(asked.status).toBe(201);
    const french = await signedIn(t, ['operator'], [], 'fr');
    const spanish = await signedIn(t, ['operator'], [], 'es');
    const sentOn = new Date(asked.body.createdAt);
    const later = new Date(sentOn.getTime() + 15 * 86_400_000);
    expect(await flagUnansweredIntroductions(t.ctx, later)).toBe(1);
    const fr = lastMail(french);
    expect(fr.subject).toBe('Une demande de mise en relation sans réponse depuis 14 jours');
    const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(sentOn);
    expect(fr.text).toContain(`- Quiet Agency, envoyée le ${day}\u00a0: ${PUBLIC}/introductions/${asked.body.id}?lang=fr`);
    readsRight(fr, 'fr');
    const es = lastMail(spanish);
    expect(es.subject).toBe('Una solicitud de presentación sin respuesta desde hace 14 días');
    expect(es.text).toContain(`${PUBLIC}/introductions?flagged=true&lang=es`);
    readsRight(es, 'es');
  });
});

describe('When a source\'s sync fails', () => {
  it('then a Spanish operator reads the failure in Spanish, counts named, and a link to the run\'s page', async () => {
    const operator = await signedIn(t, ['operator'], [], 'es');
    const source = await post(operator, '/api/v1/sources', { name: 'Centros cerrados', network: 'empretec', connector: 'json', url: 'http://127.0.0.1:1/centres.json' });
    expect(source.status).toBe(201);
    const started = await post(operator, `/api/v1/sources/${source.body.id}/runs`);
    expect(started.status).toBe(202);
    await Promise.all([...inFlight]);
    const failed = lastMail(operator);
    expect(failed.subject).toBe('Sincronización de Centros cerrados: fallida');
    expect(failed.text).toContain('La sincronización de Centros cerrados terminó: fallida.');
    expect(failed.text).toContain('leídos: 0');
    expect(failed.text).toContain(`La ejecución en la consola: ${PUBLIC}/console/sources/${source.body.id}/runs/${started.body.id}?lang=es`);
    // The importer's error names the feed's own address: that one is no link of the site.
    readsRight(failed, 'es', ['http://127.0.0.1:1/']);
  });
});
