/** The emails identity sends, in the recipient's language. Links point at the web app. */
export type AccountEmail = { subject: string; body: string };
type Locale = 'fr' | 'en';

export function verificationEmail(locale: Locale, name: string, link: string): AccountEmail {
  return locale === 'en'
    ? {
        subject: 'Confirm your email address — NovaEvo',
        body: `Hello ${name},\n\nTo confirm that this address is yours, open this link (valid 48 hours):\n${link}\n\nIf you did not create a NovaEvo account, ignore this message.`,
      }
    : {
        subject: 'Confirmez votre adresse e-mail — NovaEvo',
        body: `Bonjour ${name},\n\nPour confirmer que cette adresse est bien la vôtre, ouvrez ce lien (valable 48 heures) :\n${link}\n\nSi vous n'avez pas créé de compte NovaEvo, ignorez ce message.`,
      };
}

/** Sent instead of an error when someone registers with an address that already has an account. */
export function alreadyRegisteredEmail(locale: Locale, link: string): AccountEmail {
  return locale === 'en'
    ? {
        subject: 'Someone tried to create a NovaEvo account with your address',
        body: `Hello,\n\nSomeone (perhaps you) tried to create a NovaEvo account with this address, which already has one. Nothing was changed.\nTo sign in: ${link}\n\nIf it was not you, you can ignore this message.`,
      }
    : {
        subject: 'Tentative de création de compte NovaEvo avec votre adresse',
        body: `Bonjour,\n\nQuelqu'un (peut-être vous) a essayé de créer un compte NovaEvo avec cette adresse, qui en a déjà un. Rien n'a été modifié.\nPour vous connecter : ${link}\n\nSi ce n'était pas vous, vous pouvez ignorer ce message.`,
      };
}
