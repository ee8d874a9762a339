import type { NotificationTemplates } from '../../platform/notifications/user-notifier.ts';

/** Notifications of the KBIS module, in French and English. */
export const kbisTemplates: NotificationTemplates = {
  'kbis.verified': {
    fr: { title: 'Entreprise vérifiée', body: 'Votre extrait Kbis a été vérifié : {{companyName}} a maintenant accès aux fonctions professionnelles.' },
    en: { title: 'Company verified', body: 'Your Kbis extract was verified: {{companyName}} now has access to the professional features.' },
  },
  'kbis.rejected': {
    fr: { title: 'Kbis refusé', body: 'Votre extrait Kbis n’a pas pu être accepté ({{reasonsFr}}). Consultez le détail des contrôles et envoyez un extrait de moins de 3 mois correspondant à votre entreprise.' },
    en: { title: 'Kbis rejected', body: 'Your Kbis extract could not be accepted ({{reasonsEn}}). See each check for details and send an extract under 3 months old that matches your company.' },
  },
  'kbis.needs-review': {
    fr: { title: 'Kbis en cours de vérification', body: 'Votre extrait Kbis demande une vérification par notre équipe ({{reasonsFr}}). Nous vous répondons sous 2 jours ouvrés.' },
    en: { title: 'Kbis under review', body: 'Your Kbis extract needs a check by our team ({{reasonsEn}}). We will answer within 2 working days.' },
  },
  'kbis.review-requested': {
    fr: { title: 'Kbis à examiner', body: 'La vérification de {{companyName}} (SIREN {{siren}}) attend une décision ({{reasonsFr}}).' },
    en: { title: 'Kbis to review', body: 'The verification of {{companyName}} (SIREN {{siren}}) awaits a decision ({{reasonsEn}}).' },
  },
  'kbis.siren-claimed': {
    fr: { title: 'SIREN vérifié pour un autre compte', body: 'Le SIREN {{siren}} que vous avez déclaré a été vérifié pour un autre compte professionnel. Si vous représentez cette entreprise, contactez-nous.' },
    en: { title: 'SIREN verified for another account', body: 'The SIREN {{siren}} you declared was verified for another professional account. If you represent this company, contact us.' },
  },
  'kbis.company-closed': {
    fr: { title: 'Entreprise fermée au registre', body: 'Le registre SIRENE indique que {{companyName}} (SIREN {{siren}}) a cessé son activité : la vérification de votre compte est retirée. Envoyez un Kbis à jour si c’est une erreur.' },
    en: { title: 'Company closed in the registry', body: 'The SIRENE registry shows {{companyName}} (SIREN {{siren}}) as closed: your account’s verification was withdrawn. Send an up-to-date Kbis if this is a mistake.' },
  },
};
