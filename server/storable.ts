/**
 * What PostgreSQL cannot store in a string: a NUL (text refuses it) and half of a UTF-16
 * surrogate pair left alone, as JSON's `\ud800` escape parses (jsonb refuses it). The API
 * refuses such input at its edge (edge-input.ts); the sync pipeline cleans a feed's strings
 * as it reads them (jobs/normalize.ts), so one record cannot fail its whole batch.
 */

/** In a `u` regex a well-formed pair is one code point, so only a half left alone matches. */
const loneSurrogate = /\p{Cs}/u;
const loneSurrogates = /\p{Cs}/gu;

/** What in `s` PostgreSQL would refuse, if anything. */
export const unstorable = (s: string): 'nul' | 'unpaired-surrogate' | undefined => (s.includes('\0') ? 'nul' : loneSurrogate.test(s) ? 'unpaired-surrogate' : undefined);

/** `s` as PostgreSQL stores it: NULs dropped, lone surrogates replaced by U+FFFD as the web's `toWellFormed` does. */
export const storableText = (s: string): string => s.replaceAll('\0', '').replace(loneSurrogates, '\uFFFD');
