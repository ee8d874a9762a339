import type { SymptomGroup } from './symptom-phrases.ts';

/**
 * French descriptions of electrical system, lighting, heating and air conditioning problems, as owners write them
 * (one theme of symptoms-fr.ts).
 */
export const FR_ELECTRICS_COMFORT_SYMPTOMS: readonly SymptomGroup[] = [
  { category: 'electrical', urgency: 'critical', phrases: [
    'de la fumée sort du tableau de bord et ça sent le plastique brûlé',
    'les fils ont fondu sous le tableau de bord et il y a de la fumée',
  ] },
  { category: 'electrical', urgency: 'high', phrases: [
    'la voiture ne démarre pas, ça fait clic clic',
    'batterie à plat tous les matins',
    'la voiture ne démarre plus, rien ne s\'allume',
    'le démarreur ne tourne pas',
    'impossible de démarrer, tout le tableau de bord clignote',
    'voyant batterie allumé en roulant et les phares baissent',
    'le moteur ne tourne pas quand je tourne la clé',
  ] },
  { category: 'electrical', urgency: 'medium', phrases: [
    'voyant batterie qui s\'allume par moments',
    'la batterie se décharge quand la voiture reste plusieurs jours',
    'les vitres électriques ne marchent plus',
    'la fermeture centralisée ne fonctionne plus',
    'le tableau de bord s\'éteint par moments',
    'démarrage difficile, le démarreur tourne lentement',
    'voyant airbag allumé',
    'les essuie-glaces ne marchent plus',
    'l\'alternateur fait un bruit de sifflement',
    'un fusible saute tout le temps',
    'la clé n\'est plus reconnue de temps en temps',
  ] },
  { category: 'electrical', urgency: 'low', phrases: [
    'l\'autoradio ne s\'allume plus',
    'la prise USB ne charge plus mon téléphone',
    'la pile de la télécommande est faible',
    'le bluetooth ne se connecte plus',
    'l\'écran du GPS reste noir',
  ] },
  { category: 'lighting', urgency: 'high', phrases: [
    'plus aucun phare ne fonctionne la nuit',
    'les deux phares sont grillés, je ne vois rien la nuit',
    'les feux stop ne s\'allument plus du tout',
  ] },
  { category: 'lighting', urgency: 'medium', phrases: [
    'un phare avant ne marche plus',
    'le clignotant gauche clignote très vite',
    'les feux arrière ne s\'allument plus d\'un côté',
    'les phares éclairent très faiblement',
    'le feu stop droit est grillé',
    'les clignotants ne marchent plus',
    'les phares clignotent tout seuls',
    'feu de recul qui ne s\'allume pas',
  ] },
  { category: 'lighting', urgency: 'low', phrases: [
    'changer une ampoule de feu de croisement',
    'les phares sont jaunis et opaques',
    'réglage des phares à faire',
    'l\'éclairage de la plaque ne marche plus',
    'l\'ampoule du plafonnier est grillée',
    'de la buée dans le phare',
    'je voudrais passer les phares en LED',
  ] },
  { category: 'hvac', urgency: 'medium', phrases: [
    'le chauffage ne marche plus et la buée reste sur le pare-brise',
    'le désembuage ne fonctionne pas',
    'la ventilation ne souffle plus du tout',
    'odeur de liquide de refroidissement dans l\'habitacle quand je mets le chauffage',
  ] },
  { category: 'hvac', urgency: 'low', phrases: [
    'la clim ne fait plus de froid',
    'recharge de climatisation à faire',
    'la clim sent mauvais, odeur de moisi',
    'le chauffage souffle tiède',
    'la ventilation ne marche qu\'en vitesse 4',
    'la clim fait du bruit quand je l\'allume',
    'de l\'eau coule côté passager quand la clim tourne',
    'la climatisation souffle chaud',
    'changer le filtre d\'habitacle',
    'le compresseur de clim ne s\'enclenche pas',
  ] },
];
