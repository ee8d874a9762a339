import type { FeatureMessages } from '../../app/feature.ts';

const fr = {
  nav: 'Notifications',
  title: 'Notifications',
  unreadLink_zero: 'Notifications, aucune non lue',
  unreadLink_one: 'Notifications, {{count, number}} non lue',
  unreadLink_other: 'Notifications, {{count, number}} non lues',
  unreadSummary_zero: 'Tout est lu.',
  unreadSummary_one: '{{count, number}} notification non lue.',
  unreadSummary_other: '{{count, number}} notifications non lues.',
  markRead: 'Marquer comme lue',
  markAllRead: 'Tout marquer comme lu',
  unread: 'Non lue',
  empty: 'Aucune notification pour le moment. Vous serez prévenu ici de vos rendez-vous, diagnostics et messages des professionnels.',
  open: 'Voir',
};

const en: typeof fr = {
  nav: 'Notifications',
  title: 'Notifications',
  unreadLink_zero: 'Notifications, none unread',
  unreadLink_one: 'Notifications, {{count, number}} unread',
  unreadLink_other: 'Notifications, {{count, number}} unread',
  unreadSummary_zero: 'Everything is read.',
  unreadSummary_one: '{{count, number}} unread notification.',
  unreadSummary_other: '{{count, number}} unread notifications.',
  markRead: 'Mark as read',
  markAllRead: 'Mark all as read',
  unread: 'Unread',
  empty: 'No notification yet. Your appointments, diagnostics and messages from professionals will show up here.',
  open: 'Open',
};

export const notificationsMessages: FeatureMessages = { fr, en };
