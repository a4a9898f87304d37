import { mailWords } from '../../../server/localized-mail';

const env = { publicUrl: 'https://network.example.org/directory' };

describe('When a mail writes a date', () => {
  it.each([
    ['en', '3 December 2026'],
    ['fr', '3 décembre 2026'],
    ['es', '3 de diciembre de 2026'],
  ] as const)('then in %s it reads %s, for a day and for a moment', (lang, expected) => {
    const w = mailWords(env, lang);
    expect(w.date('2026-12-03')).toBe(expected);
    expect(w.date(new Date('2026-12-03T12:00:00Z'))).toBe(expected);
  });

  it('then a day stored as yyyy-mm-dd stays that day whatever the server\'s time zone (no shift to the 2nd)', () => {
    // Intl is asked for UTC: the process zone must not move the day back.
    expect(mailWords(env, 'fr').date('2026-01-01')).toBe('1 janvier 2026');
    expect(mailWords(env, 'es').date('2026-12-31')).toBe('31 de diciembre de 2026');
  });

  it('then numbers follow the language', () => {
    expect(mailWords(env, 'fr').number(12500)).toBe('12\u202f500');
    expect(mailWords(env, 'en').number(12500)).toBe('12,500');
  });
});

describe('When a mail links to a page', () => {
  it('then the link starts with PUBLIC_URL (base path included) and opens the page in the mail\'s language', () => {
    expect(mailWords(env, 'fr').page('/introductions/abc')).toBe('https://network.example.org/directory/introductions/abc?lang=fr');
    expect(mailWords(env, 'es').page('account/organizations')).toBe('https://network.example.org/directory/account/organizations?lang=es');
  });

  it('then a query and a fragment of the page are kept, and a language already named is replaced', () => {
    expect(mailWords(env, 'es').page('/reset-password?token=t0k&lang=en#form')).toBe('https://network.example.org/directory/reset-password?token=t0k&lang=es#form');
  });
});
