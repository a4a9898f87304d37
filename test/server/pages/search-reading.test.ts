import { firmsSite } from './firms-data';
import { hrefOf, read, textIn, textsOf } from './reader';

const site = firmsSite();
const page = async (path: string, lang = 'en') => read((await site.get(path, lang)).text);

describe('When a firm searches for only spaces', () => {
  it('then it is no query: every entry shows, under the title of the whole directory', async () => {
    const $ = await page('/search?q=%20%20%20');
    expect(textIn($, 'h1')).toBe('All entries');
    expect(textIn($, '#results [role=status]')).toMatch(/^Found \d+ intermediaries and \d+ programmes\.$/);
    expect($('#organizations-heading + ul li').length).toBeGreaterThan(2);
  });

  it('then the API answers the same way', async () => {
    const res = await site.get('/api/v1/organizations?q=%20%20');
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(2);
  });
});

describe('When a search finds nothing', () => {
  it('then the page says nothing was found for those words and what to try, without empty lists or an empty facet heading', async () => {
    const $ = await page('/search?q=zzyzx%20quarplex&country=GH');
    expect(textIn($, '#nothing-heading')).toBe('Nothing was found for “zzyzx quarplex”.');
    const tries = $('.nothing-found li').map((_, li) => $(li).text()).get();
    expect(tries).toEqual(['use fewer words, or more general ones;', 'check the spelling of the words;', 'remove a filter (the × next to it, above);', 'or browse every intermediary and programme.']);
    expect($('.nothing-found a').attr('href')).toBe('/search');
    const text = textIn($, 'main');
    expect(text).not.toContain('None listed yet');
    expect(text).not.toContain('Narrow the results');
    expect($('.facet-panel').length).toBe(0);
    expect($('#organizations-heading').length).toBe(0);
    expect(textIn($, '.active-filters .chip')).toContain('Ghana');
  });

  it('then without words it speaks of the filters only, and suggests no spelling', async () => {
    const $ = await page('/search?country=GH&kind=incubator');
    expect(textIn($, '#nothing-heading')).toBe('Nothing was found with these filters.');
    expect($('.nothing-found li').map((_, li) => $(li).text()).get()).toEqual(['remove a filter (the × next to it, above);', 'or browse every intermediary and programme.']);
  });

  it('then in French and Spanish in their words', async () => {
    expect(textIn(await page('/search?q=zzyzx', 'fr'), '#nothing-heading')).toBe('Rien n’a été trouvé pour «\u00a0zzyzx\u00a0».');
    expect(textIn(await page('/search?q=zzyzx', 'es'), '#nothing-heading')).toBe('No se encontró nada para «zzyzx».');
    // The words' chip quotes them as each language does.
    expect(textIn(await page('/search?q=zzyzx', 'fr'), '.active-filters .chip')).toBe('«\u00a0zzyzx\u00a0» × (retirer ce filtre)');
    expect(textIn(await page('/search?q=zzyzx', 'es'), '.active-filters .chip')).toBe('«zzyzx» × (quitar este filtro)');
  });

  it('then a list that is empty beside a list with results says none match, not that none are listed yet', async () => {
    const $ = await page('/search?q=Empretec');
    expect(textIn($, '#programmes-heading + p')).toBe('None match this search.');
  });
});

describe('When a search corrects a misspelt word', () => {
  it('then the page says which words it showed results for', async () => {
    const $ = await page('/search?q=Empretek%20ghana');
    expect(textIn($, '.correction')).toBe('Showing results for “empretec ghana”.');
    expect(textIn($, '#organizations-heading + ul')).toContain('Empretec Ghana Foundation');
  });

  it('then words spelt right bring no such line', async () => {
    const $ = await page('/search?q=Empretec%20ghana');
    expect($('.correction').length).toBe(0);
  });
});

describe('When a firm names a place in its words', () => {
  it('then the page lists the entries there and shows the place as a filter it can remove, in the reader’s language', async () => {
    const $ = await page('/search?q=kenia');
    expect(textsOf($, '#organizations-heading + ul li > a')).toEqual(['Kenya Investment Authority']);
    expect(textsOf($, '.active-filters .chip')).toEqual(['“kenia” × (remove this filter)', 'Place: Kenya × (remove this filter)']);
    expect(textsOf(await page('/search?q=kenia', 'fr'), '.active-filters .chip')[1]).toBe('Lieu\u00a0: Kenya × (retirer ce filtre)');
    expect(textsOf(await page('/search?q=Costa%20de%20Marfil', 'es'), '.active-filters .chip')[1]).toBe("Lugar: Côte d'Ivoire × (quitar este filtro)");
  });

  it('then removing the place searches the words as words, and keeps them', async () => {
    const href = hrefOf(await page('/search?q=kenia'), 'Place: Kenya × (remove this filter)', '.active-filters');
    expect(href).toBe('/search?q=kenia&places=none');
    const $ = await page(href ?? '');
    expect(textIn($, '#nothing-heading')).toBe('Nothing was found for “kenia”.');
    expect(textsOf($, '.active-filters .chip')).toEqual(['“kenia” × (remove this filter)']);
  });

  it('then when no entry holds every word, the list says which words it left out, in the reader’s language', async () => {
    const $ = await page('/search?q=empretec%20foundation%20cocoa%20chocolate');
    expect(textIn($, '#organizations-heading + p')).toBe('No entry has every word you searched for: these leave out “cocoa” and “chocolate”.');
    expect(textsOf($, '#organizations-heading ~ ul li > a')).toEqual(['Empretec Ghana Foundation']);
    expect(textIn(await page('/search?q=empretec%20foundation%20cocoa%20chocolate', 'fr'), '#organizations-heading + p')).toBe(
      'Aucune fiche ne contient tous les mots cherchés\u00a0: celles-ci laissent de côté «\u00a0cocoa\u00a0» et «\u00a0chocolate\u00a0».',
    );
    expect(textIn(await page('/search?q=empretec%20foundation%20cocoa%20chocolate', 'es'), '#organizations-heading + p')).toBe(
      'Ninguna ficha contiene todas las palabras buscadas: estas dejan de lado «cocoa» y «chocolate».',
    );
  });
});
