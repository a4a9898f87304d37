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

/** The words of `q` in order, each with whether the directory knows it and, if not, the indexed words like it. */
async function wordsOf(database: Database, q: string): Promise<WordRow[]> {
  // Corrections are looked up only for words the directory does not know: the common case costs two index probes.
  return database.rows<WordRow>(sql`
    with t as (
      select w.lexeme as word, w.positions[1] as pos,
        exists (select 1 from search_words s where s.word = w.lexeme) as exact,
        exists (select 1 from search_words s
                where s.word ~>=~ w.lexeme and s.word ~<~ (w.lexeme || chr(1114111))) as prefixed
      from unnest(to_tsvector('simple', pn_unaccent(${q}))) w
    )
    select t.word, t.pos, t.exact, t.prefixed,
      case when t.exact or t.prefixed or length(t.word) < 4 then '{}'::text[] else array(
        select s.word from search_words s
        where s.word % t.word and similarity(s.word, t.word) >= ${SIMILARITY}
        order by similarity(s.word, t.word) desc, s.word limit ${MAX_CORRECTIONS}) end as similar
    from t order by t.pos`);
}

/** A tsquery text for `q`, or null when `q` holds no searchable word. */
export async function planTextQuery(database: Database, q: string, prefixLast = true): Promise<string | null> {
  const words = await wordsOf(database, q);
  if (words.length === 0) return null;
  const last = Math.max(...words.map((w) => w.pos));
  const endsInSpace = /\s$/.test(q);
  return words
    .map((w) => {
      // The word being typed matches as a prefix; so does an earlier word the directory only knows as a prefix.
      const isPrefix = (prefixLast && !endsInSpace && w.pos === last) || (!w.exact && w.prefixed);
      const exact = quote(w.word) + (isPrefix ? ':*' : '');
      const alternatives = w.exact || w.prefixed ? [] : w.similar.map(quote);
      return alternatives.length ? `(${[exact, ...alternatives].join(' | ')})` : exact;
    })
    .join(' & ');
}

/**
 * The words the search used in place of what was typed, for "showing results for …": each word
 * the directory does not know, not even as the start of a word, replaced by the likeliest of the
 * words it does know. Null when no word was replaced.
 */
export async function correctedText(database: Database, q: string): Promise<string | null> {
  const words = await wordsOf(database, q);
  const corrected = words.some((w) => !w.exact && !w.prefixed && w.similar.length > 0);
  return corrected ? words.map((w) => (!w.exact && !w.prefixed && w.similar[0] ? w.similar[0] : w.word)).join(' ') : null;
}
