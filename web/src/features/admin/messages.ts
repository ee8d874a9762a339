import type { FeatureMessages } from '../../app/feature.ts';

const fr = {
  nav: 'Événements en échec',
  title: 'Événements en échec',
  intro: "Ces livraisons d'événements ont épuisé leurs tentatives. Corrigez la cause, puis rejouez-les : elles repartent avec leurs tentatives remises à zéro.",
  empty: 'Aucun événement en échec : tout a été livré. Rien à faire.',
  subscription: 'Abonnement :',
  attempts_one: '{{count, number}} tentative',
  attempts_other: '{{count, number}} tentatives',
  failedAt: 'Échec le',
  lastError: 'Dernière erreur :',
  replay: 'Rejouer',
  replayLabel: "Rejouer l'événement {{type}} pour {{subscription}}",
  replayed: 'Événement remis en file de livraison.',
};

const en: typeof fr = {
  nav: 'Failed events',
  title: 'Failed events',
  intro: 'These event deliveries used up their attempts. Fix the cause, then replay them: they start again with their attempts reset.',
  empty: 'No failed event: everything was delivered. Nothing to do.',
  subscription: 'Subscription:',
  attempts_one: '{{count, number}} attempt',
  attempts_other: '{{count, number}} attempts',
  failedAt: 'Failed on',
  lastError: 'Last error:',
  replay: 'Replay',
  replayLabel: 'Replay event {{type}} for {{subscription}}',
  replayed: 'Event queued for delivery again.',
};

export const adminMessages: FeatureMessages = { fr, en };
