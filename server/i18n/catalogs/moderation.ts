/** Moderation that holds: entries held until their organization's approval, co-operator invitations, date checks. */
export const en = {
  modHeldProgrammes: 'Programmes it runs',
  modHeldCases: 'Cases that name it',
  modNothingHeld: 'No programme or case yet.',
  modDraft: 'draft',
  modHeldNote: 'These stay private until the organization is approved.',
  modStateHeld: 'private until an operator approves its organization',
  modYearFuture: 'A case has already happened: enter {{year}} or an earlier year.',
  modFollowUpPast: 'Choose a follow-up date from today on: this one has passed.',
};

export const fr: typeof en = {
  modHeldProgrammes: 'Programmes qu’elle mène',
  modHeldCases: 'Cas qui la citent',
  modNothingHeld: 'Aucun programme ni cas pour l’instant.',
  modDraft: 'brouillon',
  modHeldNote: 'Ils restent privés tant que l’organisation n’est pas approuvée.',
  modStateHeld: 'privé jusqu’à ce qu’un opérateur approuve son organisation',
  modYearFuture: 'Un cas a déjà eu lieu : saisissez {{year}} ou une année antérieure.',
  modFollowUpPast: 'Choisissez une date de suivi à partir d’aujourd’hui : celle-ci est passée.',
};

export const es: typeof en = {
  modHeldProgrammes: 'Programas que gestiona',
  modHeldCases: 'Casos que la mencionan',
  modNothingHeld: 'Todavía no hay programas ni casos.',
  modDraft: 'borrador',
  modHeldNote: 'Permanecen privados hasta que se apruebe la organización.',
  modStateHeld: 'privado hasta que un operador apruebe su organización',
  modYearFuture: 'Un caso ya ocurrió: escriba {{year}} o un año anterior.',
  modFollowUpPast: 'Elija una fecha de seguimiento a partir de hoy: esta ya pasó.',
};
