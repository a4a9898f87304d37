/** Names of the controlled vocabularies' values in the directory's three languages. */
import type { Direction, FirmSize, OrganizationKind, PartnershipType, Service } from '../reference/vocabularies';
import type { Language } from '.';

type Names = Record<Language, string>;
const n = (en: string, fr: string, es: string): Names => ({ en, fr, es });

const kinds: Record<OrganizationKind, Names> = {
  'investment-promotion-agency': n('Investment promotion agency', 'Agence de promotion des investissements', 'Agencia de promoción de inversiones'),
  'entrepreneurship-centre': n('Entrepreneurship centre', 'Centre d’entrepreneuriat', 'Centro de emprendimiento'),
  'chamber-of-commerce': n('Chamber of commerce', 'Chambre de commerce', 'Cámara de comercio'),
  'business-association': n('Business association', 'Association professionnelle', 'Asociación empresarial'),
  'technology-centre': n('Technology centre', 'Centre technologique', 'Centro tecnológico'),
  incubator: n('Incubator', 'Incubateur', 'Incubadora'),
  'development-agency': n('Development agency', 'Agence de développement', 'Agencia de desarrollo'),
  'development-finance': n('Development finance institution', 'Institution de financement du développement', 'Institución de financiación del desarrollo'),
  'international-organization': n('International organization', 'Organisation internationale', 'Organización internacional'),
  other: n('Other', 'Autre', 'Otro'),
};

const partnership: Record<PartnershipType, Names> = {
  'technology-licensing': n('Technology licensing', 'Licence de technologie', 'Licencia de tecnología'),
  subcontracting: n('Subcontracting', 'Sous-traitance', 'Subcontratación'),
  'supplier-linkage': n('Supplier linkage', 'Liens avec les fournisseurs', 'Vinculación con proveedores'),
  'joint-venture': n('Joint venture', 'Coentreprise', 'Empresa conjunta'),
  franchising: n('Franchising', 'Franchise', 'Franquicia'),
  'rd-cooperation': n('R&D cooperation', 'Coopération en R-D', 'Cooperación en I+D'),
  'marketing-distribution': n('Marketing and distribution', 'Commercialisation et distribution', 'Comercialización y distribución'),
  investment: n('Investment', 'Investissement', 'Inversión'),
  other: n('Other', 'Autre', 'Otro'),
};

const serviceNames: Record<Service, Names> = {
  'partner-search': n('Partner search', 'Recherche de partenaires', 'Búsqueda de socios'),
  'partnership-readiness-diagnosis': n('Partnership-readiness diagnosis', 'Diagnostic de préparation au partenariat', 'Diagnóstico de preparación para la asociación'),
  'pre-feasibility-study': n('Pre-feasibility study', 'Étude de préfaisabilité', 'Estudio de prefactibilidad'),
  'evaluation-report': n('Evaluation report', 'Rapport d’évaluation', 'Informe de evaluación'),
  'negotiation-support': n('Negotiation support', 'Appui à la négociation', 'Apoyo a la negociación'),
  'legal-advice': n('Legal advice', 'Conseil juridique', 'Asesoramiento jurídico'),
  'financing-or-guarantees': n('Financing or guarantees', 'Financement ou garanties', 'Financiación o garantías'),
  training: n('Training', 'Formation', 'Formación'),
  'study-tours': n('Study tours', 'Voyages d’étude', 'Viajes de estudio'),
  'trade-fairs-and-missions': n('Trade fairs and missions', 'Foires et missions commerciales', 'Ferias y misiones comerciales'),
  'follow-up-until-deal': n('Follow-up until the deal', 'Suivi jusqu’à l’accord', 'Seguimiento hasta el acuerdo'),
  other: n('Other', 'Autre', 'Otro'),
};

const directionNames: Record<Direction, Names> = {
  'north-south': n('North-South', 'Nord-Sud', 'Norte-Sur'),
  'south-south': n('South-South', 'Sud-Sud', 'Sur-Sur'),
  triangular: n('Triangular', 'Triangulaire', 'Triangular'),
  'north-north': n('North-North', 'Nord-Nord', 'Norte-Norte'),
};

const sizes: Record<FirmSize, Names> = {
  micro: n('Micro', 'Micro', 'Micro'),
  small: n('Small', 'Petite', 'Pequeña'),
  medium: n('Medium', 'Moyenne', 'Mediana'),
  large: n('Large', 'Grande', 'Grande'),
};

/**
 * The networks the directory links to, by the label their sources carry (CONTRACT.md: a free
 * label; the presets name empretec and waipa). A network not listed here shows its label.
 */
const networkNames: Record<string, Names> = {
  empretec: n('Empretec (UNCTAD)', 'Empretec (CNUCED)', 'Empretec (UNCTAD)'),
  waipa: n('World Association of Investment Promotion Agencies (WAIPA)', 'Association mondiale des agences de promotion des investissements (WAIPA)', 'Asociación Mundial de Agencias de Promoción de Inversiones (WAIPA)'),
  een: n('Enterprise Europe Network', 'Enterprise Europe Network', 'Enterprise Europe Network'),
};

const vocabularies = { kind: kinds, partnershipType: partnership, service: serviceNames, direction: directionNames, firmSize: sizes, network: networkNames } as const;
export type Vocabulary = keyof typeof vocabularies;

/** The name of a vocabulary value in `lang`; an unknown value is shown as it is. */
export function label(vocabulary: Vocabulary, value: string, lang: Language): string {
  const names = (vocabularies[vocabulary] as Record<string, Names | undefined>)[value];
  return names?.[lang] ?? value;
}
