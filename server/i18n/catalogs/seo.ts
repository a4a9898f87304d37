/**
 * What search engines and link previews show of each public page: its meta description, one
 * line that says what the page holds, in the page's language.
 */
export const en = {
  seoHome: 'Find an intermediary for a North-South or South-South inter-firm partnership among {{organizations}} and {{programmes}}.',
  seoSearchAll: 'Search {{organizations}} and {{programmes}} of the Partnering Network by country, region, sector, service and type of partnership.',
  seoSearchFound: '{{subject}} in the Partnering Network: {{organizations}} and {{programmes}}, with their countries, sectors and services.',
  seoSearchNone: 'Nothing in the Partnering Network matches {{subject}}: try other words or fewer filters, or browse the intermediaries by country.',
  seoQuoted: '“{{q}}”',
  seoOrganization: '{{name}}, {{kind}} ({{country}}): services, sectors, partnering programmes and cases, and how to ask for an introduction.',
  seoProgramme: '{{name}}: the countries this partnering programme links, its sectors and services, who runs it and how to ask for an introduction.',
  seoCase: '{{title}}: a partnership an intermediary helped conclude, with its outcome and lessons.',
  seoSignIn: 'Sign in to the Partnering Network to ask for introductions, follow your requests and keep your organization’s entries up to date.',
  seoSignUp: 'Create an account on the Partnering Network: a firm asks for introductions to partners; an agency lists its organization, programmes and cases.',
};

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
  seoHome: 'Trouvez un intermédiaire pour un partenariat interentreprises Nord-Sud ou Sud-Sud parmi {{organizations}} et {{programmes}}.',
  seoSearchAll: 'Cherchez parmi {{organizations}} et {{programmes}} du Partnering Network par pays, région, secteur, service et type de partenariat.',
  seoSearchFound: '{{subject}} dans le Partnering Network : {{organizations}} et {{programmes}}, avec leurs pays, secteurs et services.',
  seoSearchNone: 'Rien dans le Partnering Network ne correspond à {{subject}} : essayez d’autres mots ou moins de filtres, ou parcourez les intermédiaires par pays.',
  seoQuoted: '« {{q}} »',
  seoOrganization: '{{name}}, {{kind}} ({{country}}) : services, secteurs, programmes de partenariat et cas, et comment demander une mise en relation.',
  seoProgramme: '{{name}} : les pays que relie ce programme de partenariat, ses secteurs et ses services, qui le mène et comment demander une mise en relation.',
  seoCase: '{{title}} : un partenariat conclu avec l’aide d’un intermédiaire, son résultat et ses enseignements.',
  seoSignIn: 'Connectez-vous au Partnering Network pour demander des mises en relation, suivre vos demandes et tenir à jour les fiches de votre organisation.',
  seoSignUp: 'Créez un compte sur le Partnering Network : une entreprise y demande des mises en relation, une agence y présente son organisation et ses programmes.',
};

export const es: Catalog = {
  seoHome: 'Encuentre, entre {{organizations}} y {{programmes}}, un intermediario para una asociación entre empresas Norte-Sur o Sur-Sur.',
  seoSearchAll: 'Busque entre {{organizations}} y {{programmes}} del Partnering Network por país, región, sector, servicio y tipo de asociación.',
  seoSearchFound: '{{subject}} en el Partnering Network: {{organizations}} y {{programmes}}, con sus países, sectores y servicios.',
  seoSearchNone: 'Nada en el Partnering Network coincide con {{subject}}: pruebe con otras palabras o menos filtros, o recorra los intermediarios por país.',
  seoQuoted: '«{{q}}»',
  seoOrganization: '{{name}}, {{kind}} ({{country}}): servicios, sectores, programas de asociación y casos, y cómo solicitar una presentación.',
  seoProgramme: '{{name}}: los países que une este programa de asociación, sus sectores y servicios, quién lo gestiona y cómo solicitar una presentación.',
  seoCase: '{{title}}: una asociación concluida con la ayuda de un intermediario, su resultado y sus lecciones.',
  seoSignIn: 'Inicie sesión en el Partnering Network para solicitar presentaciones, seguir sus solicitudes y mantener al día las fichas de su organización.',
  seoSignUp: 'Cree una cuenta en el Partnering Network: una empresa solicita presentaciones a socios; una agencia presenta su organización, sus programas y sus casos.',
};
