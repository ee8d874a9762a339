import type { NotificationTemplates } from '../../platform/notifications/user-notifier.ts';

/** Notifications of the planning module, in French and English; instants render in the user's language. */
export const planningTemplates: NotificationTemplates = {
  'planning.requested': {
    fr: { title: 'Nouvelle demande de rendez-vous', body: 'Un client demande « {{service}} » le {{start}}. Confirmez, refusez ou proposez un autre horaire.' },
    en: { title: 'New appointment request', body: 'A customer asks for "{{service}}" on {{start}}. Confirm, decline or propose another time.' },
  },
  'planning.confirmed': {
    fr: { title: 'Rendez-vous confirmé', body: '{{proName}} confirme votre rendez-vous « {{service}} » le {{start}}.' },
    en: { title: 'Appointment confirmed', body: '{{proName}} confirmed your "{{service}}" appointment on {{start}}.' },
  },
  'planning.declined': {
    fr: { title: 'Rendez-vous refusé', body: '{{proName}} ne peut pas assurer « {{service}} » le {{start}} : {{reason}}. Cherchez un autre créneau.' },
    en: { title: 'Appointment declined', body: '{{proName}} cannot do "{{service}}" on {{start}}: {{reason}}. Look for another slot.' },
  },
  'planning.proposed': {
    fr: { title: 'Nouvel horaire proposé', body: '{{proName}} propose le {{proposedStart}} au lieu du {{start}} pour « {{service}} ». Acceptez-le ou annulez.' },
    en: { title: 'Another time proposed', body: '{{proName}} proposes {{proposedStart}} instead of {{start}} for "{{service}}". Accept it or cancel.' },
  },
  'planning.completed': {
    fr: { title: 'Intervention terminée', body: '{{proName}} a terminé « {{service}} ». Merci de votre confiance.' },
    en: { title: 'Job done', body: '{{proName}} finished "{{service}}". Thank you.' },
  },
  'planning.cancelled': {
    fr: { title: 'Rendez-vous annulé', body: 'Le client a annulé « {{service}} » du {{start}}.' },
    en: { title: 'Appointment cancelled', body: 'The customer cancelled "{{service}}" on {{start}}.' },
  },
  'planning.accepted': {
    fr: { title: 'Horaire accepté', body: 'Le client accepte votre horaire : « {{service}} » le {{start}}.' },
    en: { title: 'Time accepted', body: 'The customer accepted your time: "{{service}}" on {{start}}.' },
  },
  'planning.rescheduled': {
    fr: { title: 'Rendez-vous déplacé', body: 'Le client a déplacé « {{service}} » au {{start}}.' },
    en: { title: 'Appointment moved', body: 'The customer moved "{{service}}" to {{start}}.' },
  },
  'planning.expired': {
    fr: { title: 'Rendez-vous non confirmé', body: '« {{service}} » chez {{proName}} le {{start}} n’a pas été confirmé à temps : le créneau est libéré. Choisissez-en un autre.' },
    en: { title: 'Appointment not confirmed', body: '"{{service}}" at {{proName}} on {{start}} was not confirmed in time, so the slot was released. Pick another one.' },
  },
  'planning.expired-pro': {
    fr: { title: 'Demande expirée', body: 'La demande « {{service}} » du {{start}} est restée sans réponse : elle a expiré et le créneau est libéré.' },
    en: { title: 'Request expired', body: 'The "{{service}}" request for {{start}} went unanswered: it expired and the slot is free again.' },
  },
  'planning.reminder': {
    fr: { title: 'Rappel de rendez-vous', body: 'Rappel : « {{service}} » chez {{proName}} le {{start}}.' },
    en: { title: 'Appointment reminder', body: 'Reminder: "{{service}}" at {{proName}} on {{start}}.' },
  },
};
