/**
 * Turns what a firm types into a tsquery: accent- and case-blind words, the last one
 * as a prefix (results while typing), and each unknown word widened to the indexed
 * words that look like it (trigram similarity), so "Empretek" finds "Empretec".
 */
import { sql } from 'drizzle-orm';
import type { Database } from './client';

/** Lower bound of trigram similarity for a correction ("investmnet" → "investment" is 0.47). */
const SIMILARITY = 0.4;
const MAX_CORRECTIONS = 3;

interface WordRow {
  word: string;
  pos: number;
  exact: boolean;
  prefixed: boolean;
  similar: string[];
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A tsquery text for `q`, or null when `q` holds no searchable word. */
export async function planTextQuery(database: Database, q: string, prefixLast = true): Promise<string | null> {
  const words = await database.rows<WordRow>(sql`
    select t.lexeme as word, t.positions[1] as pos,
      exists (select 1 from search_words w where w.word = t.lexeme) as exact,
      exists (select 1 from search_words w
              where w.word like replace(replace(replace(t.lexeme, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%') as prefixed,
      array(select w.word from search_words w
            where length(t.lexeme) >= 4 and w.word % t.lexeme and similarity(w.word, t.lexeme) >= ${SIMILARITY}
            order by similarity(w.word, t.lexeme) desc, w.word limit ${MAX_CORRECTIONS}) as similar
    from unnest(to_tsvector('simple', pn_unaccent(${q}))) t
    order by t.positions[1]`);
  if (words.length === 0) return null;
  const last = Math.max(...words.map((w) => w.pos));
  const endsInSpace = /\s$/.test(q);
  return words
    .map((w) => {
      const isPrefix = prefixLast && !endsInSpace && w.pos === last;
      const exact = quote(w.word) + (isPrefix ? ':*' : '');
      const known = isPrefix ? w.prefixed : w.exact;
      const alternatives = known ? [] : w.similar.map(quote);
      return alternatives.length ? `(${[exact, ...alternatives].join(' | ')})` : exact;
    })
    .join(' & ');
}
