/**
 * The catalogs' typography, checked on every string so that a new sentence cannot slip back:
 * French puts a no-break space (U+00A0, or the narrow U+202F) before : ; ? ! and inside « »,
 * and quotes with « » only; Spanish opens its questions and exclamations; English says "an
 * organization".
 */
import { catalogs } from '../../../server/i18n/messages';

type Words = Record<string, string>;
const all = (lang: 'en' | 'fr' | 'es') => Object.entries(catalogs).flatMap(([name, c]) => Object.entries((c as Record<string, Words>)[lang] ?? {}).map(([key, text]) => ({ where: `${name}.${key}`, text })));

/** What is not prose: placeholders, addresses, times and paths with a query. */
const prose = (text: string) => text.replace(/\{\{[^}]*\}\}/g, 'X').replace(/(https?|mailto):(\/\/)?\S*/g, '').replace(/\d:\d\d/g, '').replace(/\/\S*\?\S*/g, '');
const SPACE = '[\\u00a0\\u202f]';

function frenchFaults(text: string): string[] {
  const t = prose(text);
  const faults: string[] = [];
  if (new RegExp(`(^|[^\\u00a0\\u202f])[:;?!]`).test(t)) faults.push('no no-break space before : ; ? !');
  if (new RegExp(`«(?!${SPACE})|(?<!${SPACE})»`).test(t)) faults.push('no no-break space inside « »');
  if (/[“”„‟"‘‚]/.test(t)) faults.push('quotation marks other than « »');
  if (/'/.test(t)) faults.push('a typewriter apostrophe instead of ’');
  return faults;
}

describe('When the French catalogs are read', () => {
  it('then every sentence follows French typography', () => {
    const faults = all('fr').flatMap(({ where, text }) => frenchFaults(text).map((f) => `${where}: ${f}: ${JSON.stringify(text)}`));
    expect(faults).toEqual([]);
  });

  it('then the check itself catches what it is meant to catch', () => {
    expect(frenchFaults('Erreur : {{title}}')).toHaveLength(1);
    expect(frenchFaults('Vous avez un compte?')).toHaveLength(1);
    expect(frenchFaults('Modifier « {{name}} »')).toHaveLength(1);
    expect(frenchFaults('Modifier “{{name}}”')).toHaveLength(1);
    expect(frenchFaults('Erreur\u00a0: {{title}}, à 03:00, voir https://example.org/?q=x\u202f!')).toEqual([]);
    expect(frenchFaults('Modifier «\u00a0{{name}}\u00a0»')).toEqual([]);
  });
});

describe('When the Spanish catalogs are read', () => {
  it('then every question and exclamation opens with ¿ or ¡', () => {
    const faults = all('es').filter(({ text }) => (/\?/.test(prose(text)) && !text.includes('¿')) || (/!/.test(prose(text)) && !text.includes('¡')));
    expect(faults).toEqual([]);
  });
});

describe('When the English catalogs are read', () => {
  it('then "a" never stands before a vowel sound of the directory\'s words', () => {
    const faults = all('en').filter(({ text }) => /\ba (organi[sz]ation|intermediary|agency|operator|entry|e-mail|introduction|account|error|update|answer|outcome)/i.test(text));
    expect(faults).toEqual([]);
  });
});
