/** The browser client's words (suggestions under the search box, the world map), handed to it by the layout. */
export const en = {
  clientSuggestions: 'Matching intermediaries',
  // No plural forms here: the layout hands the client one text with `{n}` in it, so it is worded to fit any number.
  clientSuggestionCount: 'Matching intermediaries: {{n}}. Use the up and down arrows to choose one.',
  clientNoSuggestion: 'No matching intermediary.',
  clientMapOrganizations: 'Intermediaries per country',
  clientMapProgrammes: 'Programmes per country',
  clientMapLabel: 'World map shading the number per country. The country filters of the search give the same figures.',
  clientMapNone: 'none',
} as const;

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
  clientSuggestions: 'Intermédiaires correspondants',
  clientSuggestionCount: 'Intermédiaires correspondants : {{n}}. Choisissez avec les flèches haut et bas.',
  clientNoSuggestion: 'Aucun intermédiaire correspondant.',
  clientMapOrganizations: 'Intermédiaires par pays',
  clientMapProgrammes: 'Programmes par pays',
  clientMapLabel: 'Carte du monde teintée selon le nombre par pays. Les filtres par pays de la recherche donnent les mêmes chiffres.',
  clientMapNone: 'aucun',
};

export const es: Catalog = {
  clientSuggestions: 'Intermediarios coincidentes',
  clientSuggestionCount: 'Intermediarios coincidentes: {{n}}. Elija uno con las flechas arriba y abajo.',
  clientNoSuggestion: 'Ningún intermediario coincidente.',
  clientMapOrganizations: 'Intermediarios por país',
  clientMapProgrammes: 'Programas por país',
  clientMapLabel: 'Mapa del mundo sombreado según el número por país. Los filtros por país de la búsqueda dan las mismas cifras.',
  clientMapNone: 'ninguno',
};
