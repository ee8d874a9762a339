import type { NotificationTemplates } from '../../platform/notifications/templates.ts';

const BOOK_FR = "Décrivez ce que vous constatez dans l'application pour une première analyse, puis prenez rendez-vous chez un professionnel.";
const BOOK_EN = 'Describe what you notice in the app for a first analysis, then book an appointment with a professional.';

/** Owner notifications of the OBD module (data: vehicle, code, descriptions, value, cylinder). */
export const obdTemplates: NotificationTemplates = {
  'obd.fault-code': {
    fr: { title: 'Code défaut {{code}} sur votre {{vehicle}}', body: `Votre boîtier OBD a relevé le code {{code}} : {{descriptionFr}}. ${BOOK_FR}` },
    en: { title: 'Fault code {{code}} on your {{vehicle}}', body: `Your OBD device reported the code {{code}}: {{descriptionEn}}. ${BOOK_EN}` },
  },
  'obd.coolant-hot': {
    fr: {
      title: 'Moteur trop chaud sur votre {{vehicle}}',
      body: `Le liquide de refroidissement atteint {{value}} °C (au-delà de 110 °C). Arrêtez-vous dès que possible, moteur coupé, et ne roulez pas tant qu'il n'a pas refroidi. ${BOOK_FR}`,
    },
    en: {
      title: 'Engine overheating on your {{vehicle}}',
      body: `The coolant is at {{value}} °C (above 110 °C). Stop as soon as it is safe, engine off, and do not drive on until it has cooled down. ${BOOK_EN}`,
    },
  },
  'obd.battery-low': {
    fr: {
      title: 'Tension de batterie basse sur votre {{vehicle}}',
      body: `La tension du calculateur est de {{value}} V (sous 11,8 V) : la batterie ou l'alternateur faiblit, un démarrage pourrait échouer. ${BOOK_FR}`,
    },
    en: {
      title: 'Low battery voltage on your {{vehicle}}',
      body: `The control module voltage is {{value}} V (under 11.8 V): the battery or the alternator is weakening, the engine may fail to start. ${BOOK_EN}`,
    },
  },
  'obd.misfire-rising': {
    fr: {
      title: "Ratés d'allumage en hausse sur votre {{vehicle}}",
      body: `Le cylindre {{cylinder}} compte {{value}} ratés d'allumage sur ce trajet, et ce nombre augmente. Rouler ainsi peut abîmer le catalyseur. ${BOOK_FR}`,
    },
    en: {
      title: 'Rising misfires on your {{vehicle}}',
      body: `Cylinder {{cylinder}} has {{value}} misfires on this trip, and the count is rising. Driving on may damage the catalytic converter. ${BOOK_EN}`,
    },
  },
};
