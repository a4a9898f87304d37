/**
 * Hand-held classifications used by build-countries.ts. Each list names its source and
 * the date it was checked. Country codes are ISO 3166-1 alpha-2.
 * When a source changes, edit the list here and re-run:
 *   npx tsx scripts/reference/build-countries.ts
 */

export type Lang = 'en' | 'fr' | 'es';
export type Names = Record<Lang, string>;

/** Splits "AO BJ BF" into ["AO", "BJ", "BF"]. */
const codes = (list: string): string[] => list.trim().split(/\s+/);

export const REFERENCE_DATE = '2026-11-23';

// ---------------------------------------------------------------------------
// UN M49 geographic regions.
// Source: UNSD, "Standard country or area codes for statistical use (M49)",
// https://unstats.un.org/unsd/methodology/m49/ (checked 2026-11-23).
// Region names in French and Spanish follow the M49 pages in those languages.
// ---------------------------------------------------------------------------
export interface RegionDef {
  code: string;
  level: 'world' | 'region' | 'subregion' | 'intermediate';
  parent: string | null;
  names: Names;
}

const region = (code: string, level: RegionDef['level'], parent: string | null, en: string, fr: string, es: string): RegionDef => ({
  code, level, parent, names: { en, fr, es },
});

export const M49_REGIONS: RegionDef[] = [
  region('001', 'world', null, 'World', 'Monde', 'Mundo'),
  region('002', 'region', '001', 'Africa', 'Afrique', 'África'),
  region('019', 'region', '001', 'Americas', 'Amériques', 'Américas'),
  region('142', 'region', '001', 'Asia', 'Asie', 'Asia'),
  region('150', 'region', '001', 'Europe', 'Europe', 'Europa'),
  region('009', 'region', '001', 'Oceania', 'Océanie', 'Oceanía'),
  region('015', 'subregion', '002', 'Northern Africa', 'Afrique du Nord', 'África septentrional'),
  region('202', 'subregion', '002', 'Sub-Saharan Africa', 'Afrique subsaharienne', 'África subsahariana'),
  region('014', 'intermediate', '202', 'Eastern Africa', 'Afrique orientale', 'África oriental'),
  region('017', 'intermediate', '202', 'Middle Africa', 'Afrique centrale', 'África central'),
  region('018', 'intermediate', '202', 'Southern Africa', 'Afrique australe', 'África meridional'),
  region('011', 'intermediate', '202', 'Western Africa', "Afrique de l'Ouest", 'África occidental'),
  region('419', 'subregion', '019', 'Latin America and the Caribbean', 'Amérique latine et Caraïbes', 'América Latina y el Caribe'),
  region('029', 'intermediate', '419', 'Caribbean', 'Caraïbes', 'Caribe'),
  region('013', 'intermediate', '419', 'Central America', 'Amérique centrale', 'Centroamérica'),
  region('005', 'intermediate', '419', 'South America', 'Amérique du Sud', 'América del Sur'),
  region('021', 'subregion', '019', 'Northern America', 'Amérique septentrionale', 'América septentrional'),
  region('143', 'subregion', '142', 'Central Asia', 'Asie centrale', 'Asia central'),
  region('030', 'subregion', '142', 'Eastern Asia', "Asie de l'Est", 'Asia oriental'),
  region('035', 'subregion', '142', 'South-eastern Asia', 'Asie du Sud-Est', 'Asia sudoriental'),
  region('034', 'subregion', '142', 'Southern Asia', 'Asie du Sud', 'Asia meridional'),
  region('145', 'subregion', '142', 'Western Asia', "Asie de l'Ouest", 'Asia occidental'),
  region('151', 'subregion', '150', 'Eastern Europe', "Europe de l'Est", 'Europa oriental'),
  region('154', 'subregion', '150', 'Northern Europe', 'Europe du Nord', 'Europa septentrional'),
  region('830', 'intermediate', '154', 'Channel Islands', 'Îles Anglo-Normandes', 'Islas del Canal'),
  region('039', 'subregion', '150', 'Southern Europe', 'Europe du Sud', 'Europa meridional'),
  region('155', 'subregion', '150', 'Western Europe', "Europe de l'Ouest", 'Europa occidental'),
  region('053', 'subregion', '009', 'Australia and New Zealand', 'Australie et Nouvelle-Zélande', 'Australia y Nueva Zelandia'),
  region('054', 'subregion', '009', 'Melanesia', 'Mélanésie', 'Melanesia'),
  region('057', 'subregion', '009', 'Micronesia', 'Micronésie', 'Micronesia'),
  region('061', 'subregion', '009', 'Polynesia', 'Polynésie', 'Polinesia'),
];

/** One M49 leaf area (region / sub-region / intermediate region) and its members. */
export interface M49Area {
  region: string;
  subregion: string;
  intermediateRegion: string | null;
  members: string[];
}

const area = (region: string, subregion: string, intermediateRegion: string | null, members: string): M49Area => ({
  region, subregion, intermediateRegion, members: codes(members),
});

// Same source as M49_REGIONS. Antarctica (AQ) belongs to no M49 region.
// Taiwan (TW) is not listed by M49; it is placed in Eastern Asia by this project's choice.
export const M49_AREAS: M49Area[] = [
  area('002', '015', null, 'DZ EG EH LY MA SD TN'),
  area('002', '202', '014', 'BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW'),
  area('002', '202', '017', 'AO CD CF CG CM GA GQ ST TD'),
  area('002', '202', '018', 'BW LS NA SZ ZA'),
  area('002', '202', '011', 'BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG'),
  area('019', '419', '029', 'AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI'),
  area('019', '419', '013', 'BZ CR GT HN MX NI PA SV'),
  area('019', '419', '005', 'AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE'),
  area('019', '021', null, 'BM CA GL PM US'),
  area('142', '143', null, 'KG KZ TJ TM UZ'),
  area('142', '030', null, 'CN HK JP KP KR MN MO TW'),
  area('142', '035', null, 'BN ID KH LA MM MY PH SG TH TL VN'),
  area('142', '034', null, 'AF BD BT IN IR LK MV NP PK'),
  area('142', '145', null, 'AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE'),
  area('150', '151', null, 'BG BY CZ HU MD PL RO RU SK UA'),
  area('150', '154', '830', 'GG JE'),
  area('150', '154', null, 'AX DK EE FI FO GB IE IM IS LT LV NO SE SJ'),
  area('150', '039', null, 'AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA'),
  area('150', '155', null, 'AT BE CH DE FR LI LU MC NL'),
  area('009', '053', null, 'AU CC CX HM NF NZ'),
  area('009', '054', null, 'FJ NC PG SB VU'),
  area('009', '057', null, 'FM GU KI MH MP NR PW UM'),
  area('009', '061', null, 'AS CK NU PF PN TK TO TV WF WS'),
];

// ---------------------------------------------------------------------------
// UNCTADstat development status (developed / developing / transition).
// Source: UNCTADstat, "Classifications > Economic groupings" (checked 2026-11-23).
// Rule applied in build-countries.ts:
//   - transition: TRANSITION_ECONOMIES;
//   - developed: every M49 Europe (150) area not in transition, plus DEVELOPED_OUTSIDE_EUROPE;
//   - developing: everything else.
// Territories of developed countries in Europe and Northern America fall under the rule
// above (Faroe Islands, Gibraltar, Channel Islands, Svalbard, Greenland, Bermuda, ...).
// Antarctica (AQ) and the uninhabited territories filed by M49 outside developed areas
// (BV, GS, IO, TF, UM) are classified developing; HM (Heard and McDonald, Australian,
// filed in Australia and New Zealand) follows Australia.
// ---------------------------------------------------------------------------
export const TRANSITION_ECONOMIES = codes('AL AM AZ BA BY GE KG KZ MD ME MK RS RU TJ TM UA UZ');

export const DEVELOPED_OUTSIDE_EUROPE = codes(
  // Northern America and associated territories; Asia; Oceania.
  'US CA BM GL PM  JP KR IL  AU NZ ' +
    // Cyprus: M49 Western Asia, but an EU member and developed in UNCTADstat.
    'CY ' +
    // Australian external territories (M49 "Australia and New Zealand"), following Australia.
    'CC CX HM NF',
);

// ---------------------------------------------------------------------------
// Least developed countries (44), as of 2026-11-23.
// Source: UN-OHRLLS / UN CDP list of LDCs (checked 2026-11-23). Bhutan (2023) and
// Sao Tome and Principe (2024) have graduated. Bangladesh (BD), Lao PDR (LA) and
// Nepal (NP) are scheduled to graduate on 2026-11-24: remove them on the next run
// after that date.
// ---------------------------------------------------------------------------
export const LDC = codes(
  // Africa (32)
  'AO BJ BF BI CF TD KM CD DJ ER ET GM GN GW LS LR MG MW ML MR MZ NE RW SN SL SO SS SD TG UG TZ ZM ' +
    // Asia (8)
    'AF BD KH LA MM NP TL YE ' +
    // Caribbean (1) and Pacific (3)
    'HT  KI SB TV',
);

// ---------------------------------------------------------------------------
// Landlocked developing countries (32).
// Source: UN-OHRLLS list of LLDCs (checked 2026-11-23).
// ---------------------------------------------------------------------------
export const LLDC = codes(
  'AF AM AZ BT BO BW BF BI CF TD SZ ET KZ KG LA LS MW ML MD MN NP NE MK PY RW SS TJ TM UG UZ ZM ZW',
);

// ---------------------------------------------------------------------------
// Small island developing States.
// Source: UN-OHRLLS list of SIDS (checked 2026-11-23): UN members, then non-UN
// members / associate members of UN regional commissions.
// ---------------------------------------------------------------------------
export const SIDS = codes(
  // UN members (38)
  'AG BS BB BZ CV KM CU DM DO FJ GD GW GY HT JM KI MV MH FM MU NR PW PG WS ST SG KN LC VC SC SB SR TL TO TT TV VU BH ' +
    // Non-UN members / associate members (20)
    'AI AW BM VG KY CK CW PF GP MQ MS NC NU PR SX TC VI AS GU MP',
);

// ---------------------------------------------------------------------------
// Display names: UN short names (M49 / UNTERM, checked 2026-11-23) where they differ
// from the first name i18n-iso-countries gives. Exceptions kept for readability:
// "United Kingdom", "Netherlands", "Hong Kong", "Macao", "Taiwan" (not in M49).
// The names replaced here still end up in `variants`.
// ---------------------------------------------------------------------------
export const DISPLAY_NAMES: Record<string, Partial<Names>> = {
  AE: { fr: 'Émirats arabes unis' },
  AX: { fr: "Îles d'Åland" },
  BL: { es: 'San Bartolomé' },
  BN: { fr: 'Brunéi Darussalam' },
  BO: { en: 'Bolivia (Plurinational State of)', fr: 'Bolivie (État plurinational de)', es: 'Bolivia (Estado Plurinacional de)' },
  BT: { es: 'Bhután' },
  BY: { fr: 'Bélarus', es: 'Belarús' },
  CC: { fr: 'Îles des Cocos (Keeling)' },
  CD: { es: 'República Democrática del Congo' },
  CF: { fr: 'République centrafricaine' },
  CG: { en: 'Congo', fr: 'Congo' },
  CI: { en: "Côte d'Ivoire", fr: "Côte d'Ivoire", es: "Côte d'Ivoire" },
  CN: { en: 'China' },
  CV: { en: 'Cabo Verde', fr: 'Cabo Verde' },
  CW: { es: 'Curazao' },
  CX: { es: 'Isla Christmas' },
  CZ: { en: 'Czechia', fr: 'Tchéquie', es: 'Chequia' },
  DJ: { es: 'Djibouti' },
  DO: { fr: 'République dominicaine' },
  EH: { es: 'Sáhara Occidental' },
  FK: { fr: 'Îles Falkland (Malvinas)', es: 'Islas Malvinas (Falkland)' },
  FM: { en: 'Micronesia (Federated States of)', fr: 'Micronésie (États fédérés de)', es: 'Micronesia (Estados Federados de)' },
  GM: { en: 'Gambia' },
  GW: { es: 'Guinea-Bissau' },
  HM: { fr: 'Île Heard-et-Îles MacDonald', es: 'Islas Heard y McDonald' },
  IO: { fr: "Territoire britannique de l'océan Indien" },
  IQ: { fr: 'Iraq' },
  IR: { en: 'Iran (Islamic Republic of)', fr: "Iran (République islamique d')", es: 'Irán (República Islámica del)' },
  KE: { es: 'Kenya' },
  KN: { fr: 'Saint-Kitts-et-Nevis' },
  KP: { en: "Democratic People's Republic of Korea", fr: 'République populaire démocratique de Corée' },
  KR: { en: 'Republic of Korea', fr: 'République de Corée' },
  KY: { fr: 'Îles Caïmanes' },
  KZ: { es: 'Kazajstán' },
  LA: { fr: 'République démocratique populaire lao', es: 'República Democrática Popular Lao' },
  LS: { es: 'Lesotho' },
  MD: { en: 'Republic of Moldova', fr: 'République de Moldova', es: 'República de Moldova' },
  MF: { es: 'San Martín (parte francesa)' },
  MK: { en: 'North Macedonia' },
  MP: { es: 'Islas Marianas Septentrionales' },
  MW: { es: 'Malawi' },
  NU: { fr: 'Nioué' },
  NZ: { es: 'Nueva Zelandia' },
  PN: { fr: 'Pitcairn' },
  PS: { fr: 'État de Palestine', es: 'Estado de Palestina' },
  QA: { es: 'Qatar' },
  RE: { en: 'Réunion' },
  RO: { es: 'Rumania' },
  RU: { fr: 'Fédération de Russie', es: 'Federación de Rusia' },
  RW: { es: 'Rwanda' },
  SA: { fr: 'Arabie saoudite' },
  SH: { es: 'Santa Elena' },
  SJ: { fr: 'Îles Svalbard-et-Jan Mayen', es: 'Islas Svalbard y Jan Mayen' },
  ST: { fr: 'Sao Tomé-et-Principe' },
  SX: { es: 'San Martín (parte neerlandesa)' },
  SY: { fr: 'République arabe syrienne' },
  SZ: { fr: 'Eswatini', es: 'Eswatini' },
  TF: { fr: 'Terres australes et antarctiques françaises' },
  TK: { fr: 'Tokélaou' },
  TR: { fr: 'Türkiye', es: 'Türkiye' },
  TT: { es: 'Trinidad y Tabago' },
  TW: { en: 'Taiwan' },
  TZ: { fr: 'République-Unie de Tanzanie', es: 'República Unida de Tanzanía' },
  US: { es: 'Estados Unidos de América' },
  VA: { en: 'Holy See', fr: 'Saint-Siège' },
  VC: { fr: 'Saint-Vincent-et-les Grenadines' },
  VE: { en: 'Venezuela (Bolivarian Republic of)', fr: 'Venezuela (République bolivarienne du)', es: 'Venezuela (República Bolivariana de)' },
  VG: { en: 'British Virgin Islands', fr: 'Îles Vierges britanniques', es: 'Islas Vírgenes Británicas' },
  VI: { en: 'United States Virgin Islands', fr: 'Îles Vierges américaines' },
  VN: { en: 'Viet Nam', fr: 'Viet Nam', es: 'Viet Nam' },
  WF: { fr: 'Îles Wallis-et-Futuna', es: 'Islas Wallis y Futuna' },
  ZW: { es: 'Zimbabwe' },
};

// ---------------------------------------------------------------------------
// Extra variants seen in feeds (en/fr/es usage, UN and World Bank spellings), added
// before the names i18n-iso-countries and world-countries give. Project list, 2026-11-23.
// When several countries claim a variant, the one listing it here keeps it
// (e.g. "Saint Martin" goes to the French part, MF).
// ---------------------------------------------------------------------------
export const EXTRA_VARIANTS: Record<string, string[]> = {
  BA: ['Bosnia', 'Bosnia-Herzegovina'],
  BN: ['Brunei'],
  BO: ['Bolivia (Plurinational State of)', 'Bolivia', 'Bolivie'],
  BS: ['The Bahamas', 'Bahamas, The'],
  CD: ['DR Congo', 'DRC', 'Democratic Republic of the Congo', 'Congo, Democratic Republic of the', 'Congo-Kinshasa', 'Congo, Dem. Rep.', 'RDC', 'RD Congo'],
  CG: ['Congo', 'Republic of the Congo', 'Congo-Brazzaville', 'Congo, Rep.', 'Congo, Republic of the'],
  CI: ['Ivory Coast', "Cote d'Ivoire", "Republic of Côte d'Ivoire", 'Costa de Marfil'],
  CV: ['Cape Verde', 'Cabo Verde'],
  CZ: ['Czech Republic', 'Czechia'],
  EG: ['Egypt, Arab Rep.'],
  FM: ['Micronesia', 'Micronesia, Fed. Sts.'],
  GB: ['UK', 'United Kingdom', 'Great Britain', 'United Kingdom of Great Britain and Northern Ireland', 'Royaume-Uni', 'Reino Unido', 'Britain'],
  GM: ['The Gambia', 'Gambia, The'],
  HK: ['China, Hong Kong Special Administrative Region', 'China, Hong Kong SAR', 'Hong Kong SAR, China', 'Hong Kong SAR'],
  IR: ['Iran', 'Iran (Islamic Republic of)', 'Iran, Islamic Republic of', 'Iran, Islamic Rep.'],
  KG: ['Kyrgyz Republic'],
  KN: ['St Kitts and Nevis', 'St. Kitts and Nevis'],
  KP: ['North Korea', "Korea, Democratic People's Republic of", "Korea, Dem. People's Rep.", 'DPRK', 'Corée du Nord', 'Corea del Norte'],
  KR: ['Republic of Korea', 'South Korea', 'Korea, Republic of', 'Korea, Rep.', 'Corée du Sud', 'Corea del Sur'],
  LA: ['Laos', 'Lao PDR', "Lao People's Democratic Republic"],
  LC: ['St Lucia', 'St. Lucia'],
  MD: ['Moldova', 'Republic of Moldova', 'Moldova, Republic of'],
  MF: ['Saint Martin', 'Saint-Martin'],
  MK: ['Macedonia', 'North Macedonia'],
  MM: ['Burma'],
  MO: ['China, Macao Special Administrative Region', 'China, Macao SAR', 'Macao SAR, China', 'Macao SAR', 'Macau'],
  NL: ['Holland', 'Netherlands (Kingdom of the)'],
  PS: ['Palestine', 'State of Palestine', 'Occupied Palestinian Territory', 'West Bank and Gaza'],
  RU: ['Russia', 'Russian Federation'],
  SK: ['Slovak Republic'],
  SY: ['Syria', 'Syrie', 'Siria'],
  SX: ['Sint Maarten'],
  SZ: ['Swaziland', 'Eswatini'],
  TL: ['East Timor'],
  TR: ['Turkey', 'Turkiye', 'Turquie', 'Turquía', 'Republic of Türkiye'],
  TW: ['Taiwan, Province of China', 'Taiwan Province of China', 'China, Taiwan Province of', 'Chinese Taipei'],
  TZ: ['Tanzania', 'Tanzania, United Republic of', 'Tanzanie'],
  US: ['USA', 'United States of America', 'États-Unis', 'Estados Unidos', 'United States', 'U.S.'],
  VA: ['Vatican', 'Vatican City'],
  VC: ['St Vincent and the Grenadines', 'St. Vincent and the Grenadines'],
  VE: ['Venezuela', 'Venezuela (Bolivarian Republic of)', 'Venezuela, RB'],
  VG: ['Virgin Islands (British)'],
  VI: ['Virgin Islands (U.S.)', 'US Virgin Islands'],
  VN: ['Vietnam', 'Viet Nam'],
  YE: ['Yemen, Rep.'],
};
