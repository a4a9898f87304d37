import { findPlaces, isStopWord, tokensOf } from '../../server/reference/places';

/** The places a firm's words name, as "type code" and whether a slip was read, with every longer word unknown to the directory. */
function placesIn(text: string, knownWords: string[] = []) {
  const known = new Set(knownWords);
  return findPlaces(tokensOf(text), (word) => !known.has(word)).map((f) => `${f.place.type} ${f.place.code}${f.slipped ? ' (slip)' : ''}`);
}

describe('When a firm names a place in its words', () => {
  it.each([
    ['kenya', 'country KE'],
    ['Kenia', 'country KE'],
    ['Côte d’Ivoire', 'country CI'],
    ["cote d'ivoire", 'country CI'],
    ['ivory coast investment', 'country CI'],
    ['Sénégal', 'country SN'],
    ['marruecos', 'country MA'],
    ['Maroc investissement', 'country MA'],
    ['etiopía', 'country ET'],
    ['Royaume-Uni', 'country GB'],
    ["Afrique de l'Ouest", 'region 011'],
    ['West Africa', 'region 011'],
    ['África occidental', 'region 011'],
    ['Amérique latine', 'region 419'],
  ])('then "%s" is read as %s', (text, expected) => {
    expect(placesIn(text)).toEqual([expected]);
  });

  it('then the longest name wins: "south africa" is a country, not the region Africa', () => {
    expect(placesIn('incubators in south africa')).toEqual(['country ZA']);
    expect(placesIn('afrique du sud')).toEqual(['country ZA']);
    expect(placesIn('africa')).toEqual(['region 002']);
  });

  it('then two places are two places', () => {
    expect(placesIn('brazil mozambique')).toEqual(['country BR', 'country MZ']);
  });

  it('then one slip in a name of five letters or more is read as the name, when the directory does not hold the word', () => {
    expect(placesIn('ugnada investment')).toEqual(['country UG (slip)']);
    expect(placesIn('tanzaina')).toEqual(['country TZ (slip)']);
    expect(placesIn('marocco')).toEqual(['country MA (slip)']);
  });

  it('then a word the directory holds is never read as a slip: "child" stays a word, not Chile', () => {
    expect(placesIn('child', ['child'])).toEqual([]);
    expect(placesIn('child')).toEqual(['country CL (slip)']);
  });

  it('then short names need the exact spelling, and a slip in the first letter is not read', () => {
    expect(placesIn('peri')).toEqual([]);
    expect(placesIn('menya')).toEqual([]);
  });

  it('then the world is no place, and names of stop words and initials alone are none', () => {
    expect(placesIn('world bank')).toEqual([]);
    expect(placesIn('u s')).toEqual([]);
  });
});

describe('When the words hold stop words', () => {
  it('then the stop words of English, French and Spanish, and single letters, are known as such', () => {
    for (const word of ['the', 'of', 'de', 'des', 'la', 'el', 'y', 'd', 'l']) expect(isStopWord(word)).toBe(true);
    for (const word of ['investment', 'commerce', 'kenya', 'uk']) expect(isStopWord(word)).toBe(false);
  });
});
