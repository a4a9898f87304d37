/** Reasons as sentences in the reader's language, and recommendations as the API's JSON. */
import { z } from 'zod';
import type { Language, Translator } from '../i18n';
import { label } from '../i18n/vocabulary';
import type { Reference } from '../reference';
import type { Recommendation, Recommendations } from './recommend';
import type { Reason, ReasonCode } from './score';
import { countryCode } from '../schemas/codes';

export interface Explainer {
  (reason: Reason, kind: Recommendation['kind']): string;
}

/** Builds the sentence writer for one language. */
export function explainer(tr: Translator, reference: Reference): Explainer {
  const lang: Language = tr.lang;
  const list = new Intl.ListFormat(lang, { type: 'conjunction' });
  const languageNames = new Intl.DisplayNames(lang, { type: 'language' });
  const country = (alpha2: string) => reference.countryByAlpha2.get(alpha2)?.names[lang] ?? alpha2;
  const sector = (code: string) => reference.sectorByCode.get(code)?.names[lang] ?? code;
  return (reason, kind) => {
    switch (reason.code) {
      case 'firm-country':
        return tr.t('matchReasonFirmCountry', { country: country(reason.country) });
      case 'partner-country':
        return tr.t('matchReasonPartnerCountry', { countries: list.format(reason.countries.map(country)) });
      case 'sector':
        return tr.t('matchReasonSector', { sector: sector(reason.sector) });
      case 'partnership-type':
        return tr.t('matchReasonPartnershipType', { type: label('partnershipType', reason.partnershipType, lang) });
      case 'services':
        return tr.t('matchReasonServices', { services: list.format(reason.services.map((s) => label('service', s, lang).toLowerCase())) });
      case 'ldc-focus':
        return tr.t(kind === 'programme' ? 'matchReasonLdcFocusProgramme' : 'matchReasonLdcFocus');
      case 'language':
        return tr.t('matchReasonLanguage', { languages: list.format(reason.languages.map((l) => languageNames.of(l) ?? l)) });
      case 'firm-size':
        return tr.t('matchReasonFirmSize', { size: label('firmSize', reason.firmSize, lang).toLowerCase() });
      case 'active':
        return tr.t(kind === 'organization' ? 'matchReasonActiveOrganization' : 'matchReasonActiveProgramme');
      case 'recently-confirmed':
        return tr.t('matchReasonRecent');
    }
  };
}

// Every code the scorer gives; the presenter's return type fails to compile if one is missing.
const reasonCodes = ['firm-country', 'partner-country', 'sector', 'partnership-type', 'services', 'ldc-focus', 'language', 'firm-size', 'active', 'recently-confirmed'] as const satisfies readonly ReasonCode[];

const recommendedSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    country: countryCode.nullable().meta({ description: "An organization's country; null for a programme (see its entry for its countries)." }),
    score: z.number().int().min(0).max(100),
    reasons: z.array(z.object({ code: z.enum(reasonCodes), text: z.string().meta({ description: "The reason as a sentence in the request's language" }) })),
  })
  .meta({ id: 'Recommendation' });

export const recommendationsSchema = z.object({ organizations: z.array(recommendedSchema), programmes: z.array(recommendedSchema) }).meta({ id: 'Recommendations' });
export type RecommendationsJson = z.infer<typeof recommendationsSchema>;

/** The API's shape: what leaves the server of each recommendation. */
export function presentRecommendations(result: Recommendations, explain: Explainer): RecommendationsJson {
  const one = (r: Recommendation) => ({ id: r.id, name: r.name, country: r.country, score: r.score, reasons: r.reasons.map((reason) => ({ code: reason.code, text: explain(reason, r.kind) })) });
  return { organizations: result.organizations.map(one), programmes: result.programmes.map(one) };
}
