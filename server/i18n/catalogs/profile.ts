/** The account's own details (name, a firm's company and country, the mails' language) and confirming entries as current. */
export const en = {
  prfConfirmedOn: 'Confirmed current on {{date}}.',
  prfConfirmCurrent: 'Confirm it is current',
  prfConfirmedNotice: '{{name}} is confirmed as current on {{date}}. Thank you: you will not be reminded for eleven months.',
  prfMailConfirm: 'Nothing has changed? Confirm it is current, from the edit page: {{link}}',
  prfDetails: 'Your details',
  prfDetailsFirmIntro: 'The agencies you ask for introductions see your name, your company and its country.',
  prfDetailsIntro: 'Your name, and the language of the mails the network sends you.',
  prfLanguage: 'Language of your mails',
  prfDetailsSaved: 'Your details are saved.',
  prfEditDetails: 'Edit your details',
  prfCompanyOf: 'Company: {{company}} · Country: {{country}}',
} as const;

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
  prfConfirmedOn: 'Confirmée à jour le {{date}}.',
  prfConfirmCurrent: 'Confirmer qu’elle est à jour',
  prfConfirmedNotice: 'La fiche {{name}} est confirmée à jour le {{date}}. Merci\u00a0: vous ne recevrez pas de rappel pendant onze mois.',
  prfMailConfirm: 'Rien n’a changé\u00a0? Confirmez qu’elle est à jour, depuis la page de modification\u00a0: {{link}}',
  prfDetails: 'Vos coordonnées',
  prfDetailsFirmIntro: 'Les agences à qui vous demandez une mise en relation voient votre nom, votre entreprise et son pays.',
  prfDetailsIntro: 'Votre nom, et la langue des courriels que le réseau vous envoie.',
  prfLanguage: 'Langue de vos courriels',
  prfDetailsSaved: 'Vos coordonnées sont enregistrées.',
  prfEditDetails: 'Modifier vos coordonnées',
  prfCompanyOf: 'Entreprise\u00a0: {{company}} · Pays\u00a0: {{country}}',
};

export const es: Catalog = {
  prfConfirmedOn: 'Confirmada como vigente el {{date}}.',
  prfConfirmCurrent: 'Confirmar que está al día',
  prfConfirmedNotice: 'La ficha {{name}} queda confirmada como vigente el {{date}}. Gracias: no recibirá recordatorios durante once meses.',
  prfMailConfirm: '¿No ha cambiado nada? Confirme que está al día desde la página de edición: {{link}}',
  prfDetails: 'Sus datos',
  prfDetailsFirmIntro: 'Las agencias a las que pide una presentación ven su nombre, su empresa y el país de esta.',
  prfDetailsIntro: 'Su nombre y el idioma de los correos que le envía la red.',
  prfLanguage: 'Idioma de sus correos',
  prfDetailsSaved: 'Sus datos se han guardado.',
  prfEditDetails: 'Editar sus datos',
  prfCompanyOf: 'Empresa: {{company}} · País: {{country}}',
};
