import type { FeatureMessages } from '../../app/feature.ts';

const fr = {
  nav: 'Mon compte',
  title: 'Mon compte',
  profile: 'Profil',
  name: 'Nom',
  email: 'Adresse e-mail',
  emailVerified: 'Adresse confirmée.',
  emailNotVerified: 'Adresse pas encore confirmée.',
  resendLink: 'Renvoyer le lien de confirmation',
  linkSent: 'Lien envoyé : ouvrez le message que nous venons de vous écrire.',
  role: 'Type de compte',
  company: 'Entreprise',
  verification: {
    verified: 'vérifiée',
    needs_review: 'vérification en cours',
    unverified: 'pas encore vérifiée',
    rejected: 'vérification refusée',
  },
  language: 'Langue',
  languageHint: 'Les pages et les e-mails sont envoyés dans cette langue.',
  preferences: 'Notifications par e-mail',
  preferencesHint: 'Vous les retrouvez toujours dans la boîte de notifications ; choisissez celles qui vous sont aussi envoyées par e-mail.',
  noKinds: "Aucun type de notification pour l'instant : ils apparaîtront ici avec les nouveaux services.",
  saved: 'Préférences enregistrées.',
  signOut: 'Se déconnecter',
  signOutTitle: 'Déconnexion',
};

const en: typeof fr = {
  nav: 'My account',
  title: 'My account',
  profile: 'Profile',
  name: 'Name',
  email: 'Email address',
  emailVerified: 'Address confirmed.',
  emailNotVerified: 'Address not confirmed yet.',
  resendLink: 'Send the confirmation link again',
  linkSent: 'Link sent: open the message we just wrote to you.',
  role: 'Account type',
  company: 'Company',
  verification: {
    verified: 'verified',
    needs_review: 'verification in progress',
    unverified: 'not verified yet',
    rejected: 'verification refused',
  },
  language: 'Language',
  languageHint: 'Pages and emails are sent in this language.',
  preferences: 'Email notifications',
  preferencesHint: 'They always reach your notification inbox; choose which are also sent to you by email.',
  noKinds: 'No kind of notification yet: they will show up here with new services.',
  saved: 'Preferences saved.',
  signOut: 'Sign out',
  signOutTitle: 'Sign out',
};

export const accountMessages: FeatureMessages = { fr, en };
