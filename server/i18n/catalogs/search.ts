/** The words of a search that finds nothing or reads the words differently, and label–value pairs (French puts a space before the colon). */
export const en = {
  searchNothingFor: 'Nothing was found for “{{q}}”.',
  searchNothingFiltered: 'Nothing was found with these filters.',
  searchTryHeading: 'You could:',
  searchTryFewerWords: 'use fewer words, or more general ones;',
  searchTrySpelling: 'check the spelling of the words;',
  searchTryRemoveFilter: 'remove a filter (the × next to it, above);',
  searchTryEverything: 'or browse every intermediary and programme.',
  searchShowingFor: 'Showing results for “{{q}}”.',
  searchNoneInList: 'None match this search.',
  searchPlace: 'Place',
  searchLeftOut: 'No entry has every word you searched for: these leave out {{words}}.',
  labelled: '{{label}}: {{value}}',
  quoted: '“{{q}}”',
};

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
  searchNothingFor: 'Rien n’a été trouvé pour «\u00a0{{q}}\u00a0».',
  searchNothingFiltered: 'Rien n’a été trouvé avec ces filtres.',
  searchTryHeading: 'Vous pouvez\u00a0:',
  searchTryFewerWords: 'utiliser moins de mots, ou des mots plus généraux\u202f;',
  searchTrySpelling: 'vérifier l’orthographe des mots\u202f;',
  searchTryRemoveFilter: 'retirer un filtre (le × qui le suit, ci-dessus)\u202f;',
  searchTryEverything: 'ou parcourir tous les intermédiaires et programmes.',
  searchShowingFor: 'Résultats affichés pour «\u00a0{{q}}\u00a0».',
  searchNoneInList: 'Aucun ne correspond à cette recherche.',
  searchPlace: 'Lieu',
  searchLeftOut: 'Aucune fiche ne contient tous les mots cherchés\u00a0: celles-ci laissent de côté {{words}}.',
  labelled: '{{label}}\u00a0: {{value}}',
  quoted: '«\u00a0{{q}}\u00a0»',
};

export const es: Catalog = {
  searchNothingFor: 'No se encontró nada para «{{q}}».',
  searchNothingFiltered: 'No se encontró nada con estos filtros.',
  searchTryHeading: 'Puede:',
  searchTryFewerWords: 'usar menos palabras, o palabras más generales;',
  searchTrySpelling: 'revisar la ortografía de las palabras;',
  searchTryRemoveFilter: 'quitar un filtro (con la × que lo acompaña, más arriba);',
  searchTryEverything: 'o recorrer todos los intermediarios y programas.',
  searchShowingFor: 'Se muestran resultados para «{{q}}».',
  searchNoneInList: 'Ninguno coincide con esta búsqueda.',
  searchPlace: 'Lugar',
  searchLeftOut: 'Ninguna ficha contiene todas las palabras buscadas: estas dejan de lado {{words}}.',
  labelled: '{{label}}: {{value}}',
  quoted: '«{{q}}»',
};
