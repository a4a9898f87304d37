/**
 * The vocabulary corrects a misspelt word with the known words most like it. Likeness must be
 * pg_trgm's similarity, which the corrections were tuned on: the words it offers are checked
 * against the database's own `similarity()`.
 */
import { sql } from 'drizzle-orm';
import { Vocabulary } from '../../server/search-index/vocabulary';
import { testApp, type TestApp } from '../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const known = [
  'empretec', 'investment', 'investor', 'invest', 'promotion', 'agency', 'agencia', 'chamber', 'chambre', 'commerce',
  'développement', 'desarrollo', 'development', 'export', 'exportation', 'technology', 'technologie', 'tecnología',
  'incubator', 'incubadora', 'asia-pacific', 'kenya', 'africa', 'afrique', 'training', 'formation', 'm72', 'c10',
];
const typed = ['empretek', 'investmnet', 'promocion', 'agence', 'chambr', 'comerce', 'developpement', 'exprot', 'tecnologia', 'incubater', 'asia', 'kenia', 'afrika', 'trainig', 'm7', 'xyzw'];

describe('When a firm misspells a word', () => {
  it.each(typed)('then "%s" is offered the known words pg_trgm finds most alike, in its order', async (word) => {
    const vocabulary = new Vocabulary();
    vocabulary.add(known);
    const rows = await t.ctx.database.rows<{ w: string }>(sql`
      select w from unnest(${sql.param(known)}::text[]) w
      where similarity(w, ${word}) >= 0.4 order by similarity(w, ${word}) desc, w collate "C" limit 3`);
    expect(vocabulary.similar(word, 0.4, 3)).toEqual(rows.map((r) => r.w));
  });

  it('then words shorter than three letters are not known, but start known words', () => {
    const vocabulary = new Vocabulary();
    vocabulary.add(['ab', 'abc', 'chile', 'children']);
    expect([vocabulary.has('ab'), vocabulary.has('abc'), vocabulary.starts('ab'), vocabulary.starts('chil'), vocabulary.starts('chilf')]).toEqual([false, true, true, true, false]);
    vocabulary.add(['chilli']);
    expect(vocabulary.starts('chill')).toBe(true);
  });
});
