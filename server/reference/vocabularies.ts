/** The controlled vocabularies of DESIGN.md, used by validation, search facets and feeds alike. */

export const organizationKinds = [
  'investment-promotion-agency',
  'entrepreneurship-centre',
  'chamber-of-commerce',
  'business-association',
  'technology-centre',
  'incubator',
  'development-agency',
  'development-finance',
  'international-organization',
  'other',
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const partnershipTypes = [
  'technology-licensing',
  'subcontracting',
  'supplier-linkage',
  'joint-venture',
  'franchising',
  'rd-cooperation',
  'marketing-distribution',
  'investment',
  'other',
] as const;
export type PartnershipType = (typeof partnershipTypes)[number];

export const services = [
  'partner-search',
  'partnership-readiness-diagnosis',
  'pre-feasibility-study',
  'evaluation-report',
  'negotiation-support',
  'legal-advice',
  'financing-or-guarantees',
  'training',
  'study-tours',
  'trade-fairs-and-missions',
  'follow-up-until-deal',
  'other',
] as const;
export type Service = (typeof services)[number];

export const directions = ['north-south', 'south-south', 'triangular', 'north-north'] as const;
export type Direction = (typeof directions)[number];

export const developmentStatuses = ['developed', 'developing', 'transition'] as const;
export type DevelopmentStatus = (typeof developmentStatuses)[number];

export const firmSizes = ['micro', 'small', 'medium', 'large'] as const;
export type FirmSize = (typeof firmSizes)[number];

export const programmeStatuses = ['active', 'planned', 'closed'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];

/** Whether the public sees an entry: only `published` entries are listed. */
export const publicationStates = ['draft', 'pending', 'published', 'rejected'] as const;
export type PublicationState = (typeof publicationStates)[number];

export const isicSections = 'ABCDEFGHIJKLMNOPQRSTU'.split('');

export const languages = ['en', 'fr', 'es'] as const;
export type Language = (typeof languages)[number];
