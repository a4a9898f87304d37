/** The words of the mails the directory sends (each mail in its recipient's language: server/localized-mail.ts). */
export const en = {
  mailSignature: '— {{brand}}',
};

export const fr: typeof en = {
  mailSignature: '— {{brand}}',
};

export const es: typeof en = {
  mailSignature: '— {{brand}}',
};
