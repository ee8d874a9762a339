import type { SymptomGroup } from './symptom-phrases.ts';

/**
 * More French phrasings of the same problems, written separately from symptoms-fr.ts so that
 * each problem is said several ways (a held-out phrasing then meets its siblings in training).
 */
export const FR_PARAPHRASES: readonly SymptomGroup[] = [
  { category: 'engine', urgency: 'critical', phrases: [
    'ça fume sous le capot, je me suis arrêté',
    'grosse fumée qui sort du moteur, j\'ai coupé le contact',
    'témoin d\'huile rouge allumé et bruit de claquement',
    'le moteur a pris feu, les pompiers sont venus',
  ] },
  { category: 'engine', urgency: 'high', phrases: [
    'voyant orange moteur qui clignote, la voiture n\'avance plus',
    'ma voiture a des ratés énormes et le voyant moteur clignote',
    'le moteur fait un bruit de cognement très fort',
    'la voiture est bridée, plus de puissance, mode dégradé',
    'ça cogne fort dans le moteur et ça fait des à-coups',
    'mon moteur claque fort à chaque accélération',
  ] },
  { category: 'engine', urgency: 'medium', phrases: [
    'voyant moteur allumé, la voiture roule normalement',
    'la voiture broute quand j\'accélère doucement',
    'le moteur a des ratés au démarrage à froid',
    'le turbo siffle plus que d\'habitude',
    'ma voiture cale parfois quand je m\'arrête au feu',
    'manque de puissance en côte',
    'le moteur vibre beaucoup au ralenti',
    'bruit de cliquetis moteur au ralenti',
  ] },
  { category: 'cooling', urgency: 'critical', phrases: [
    'le témoin de température est rouge et il y a de la vapeur sous le capot',
    'voyant rouge de liquide de refroidissement, le moteur surchauffe',
  ] },
  { category: 'cooling', urgency: 'high', phrases: [
    'le moteur chauffe beaucoup, l\'aiguille monte au trois quarts',
    'je perds du liquide de refroidissement et le moteur chauffe',
    'le ventilateur de radiateur ne tourne plus et la voiture chauffe',
    'la durite a éclaté, le liquide de refroidissement coule partout',
  ] },
  { category: 'cooling', urgency: 'medium', phrases: [
    'je dois remettre du liquide de refroidissement toutes les semaines',
    'traces de liquide de refroidissement sous le radiateur',
    'la température moteur monte un peu plus que d\'habitude',
    'le ventilateur se met en route très souvent',
  ] },
  { category: 'transmission', urgency: 'high', phrases: [
    'l\'embrayage patine, je n\'arrive plus à monter les côtes',
    'impossible de passer la première et la marche arrière',
    'la boîte automatique ne passe plus les rapports',
  ] },
  { category: 'transmission', urgency: 'medium', phrases: [
    'les vitesses passent mal, surtout la troisième',
    'bruit de grincement quand j\'embraye',
    'la pédale d\'embrayage est très dure',
    'à-coups de la boîte auto au démarrage',
    'ça craque quand je passe la seconde',
    'bruit de claquement au niveau des cardans en virage',
  ] },
  { category: 'brakes', urgency: 'critical', phrases: [
    'plus de freins, la pédale ne répond plus',
    'les freins ne marchent plus, j\'ai dû utiliser le frein à main',
    'ma pédale de frein s\'enfonce jusqu\'au plancher et la voiture ne s\'arrête pas',
  ] },
  { category: 'brakes', urgency: 'high', phrases: [
    'bruit de métal quand je freine, ça frotte',
    'les disques sont rayés et ça grince fort au freinage',
    'plaquettes complètement usées, bruit de ferraille',
  ] },
  { category: 'brakes', urgency: 'medium', phrases: [
    'les freins font un petit bruit de couinement',
    'la pédale de frein vibre quand je freine',
    'le voyant des plaquettes de frein s\'est allumé',
    'le frein à main ne serre plus assez',
    'les freins grincent le matin quand il fait humide',
  ] },
  { category: 'brakes', urgency: 'low', phrases: [
    'changement des plaquettes avant à prévoir',
    'je voudrais un contrôle des disques et plaquettes',
  ] },
  { category: 'steering_suspension', urgency: 'critical', phrases: [
    'le volant est bloqué en roulant, impossible de tourner',
    'direction qui a lâché, je n\'arrive plus à diriger la voiture',
  ] },
  { category: 'steering_suspension', urgency: 'high', phrases: [
    'direction très dure d\'un coup, plus d\'assistance',
    'amortisseur cassé, la voiture tape sur les butées',
  ] },
  { category: 'steering_suspension', urgency: 'medium', phrases: [
    'bruit de claquement dans la suspension avant',
    'la voiture tire à gauche quand je lâche le volant',
    'les amortisseurs arrière sont morts',
    'le volant tremble sur l\'autoroute',
    'bruit de grincement quand je tourne le volant',
    'la direction a du jeu',
  ] },
  { category: 'steering_suspension', urgency: 'low', phrases: [
    'contrôle du parallélisme svp',
  ] },
  { category: 'tyres_wheels', urgency: 'critical', phrases: [
    'les écrous de roue sont desserrés, la roue a du jeu',
    'ma roue se détache, j\'ai entendu un gros bruit',
  ] },
  { category: 'tyres_wheels', urgency: 'high', phrases: [
    'crevaison, le pneu est complètement à plat',
    'pneu déchiré sur le flanc',
    'j\'ai crevé et je n\'ai pas de roue de secours',
  ] },
  { category: 'tyres_wheels', urgency: 'medium', phrases: [
    'le pneu avant droit se dégonfle',
    'la voiture vibre à partir de 110, il faut équilibrer les roues',
    'les pneus s\'usent sur l\'intérieur',
    'bruit de roulement à l\'arrière qui augmente avec la vitesse',
  ] },
  { category: 'tyres_wheels', urgency: 'low', phrases: [
    'je voudrais des pneus neufs',
    'montage de pneus hiver avant décembre',
    'contrôle de la pression des pneus et de l\'usure',
  ] },
  { category: 'electrical', urgency: 'high', phrases: [
    'ma voiture ne démarre pas, la batterie est morte',
    'le démarreur fait clic mais le moteur ne tourne pas',
    'voyant batterie allumé et la voiture s\'est arrêtée',
    'panne de batterie, impossible de démarrer',
  ] },
  { category: 'electrical', urgency: 'medium', phrases: [
    'la batterie est faible le matin',
    'le voyant batterie s\'allume de temps en temps',
    'les vitres ne descendent plus',
    'le voyant airbag reste allumé',
    'la centralisation ne ferme plus les portes',
    'l\'alternateur ne charge plus assez',
  ] },
  { category: 'electrical', urgency: 'low', phrases: [
    'la radio ne fonctionne plus',
    'le GPS ne s\'allume plus',
    'changer la pile de la clé',
  ] },
  { category: 'lighting', urgency: 'high', phrases: [
    'je n\'ai plus de phares du tout la nuit',
  ] },
  { category: 'lighting', urgency: 'medium', phrases: [
    'une ampoule de phare est grillée',
    'le feu arrière gauche ne s\'allume plus',
    'mes clignotants ne fonctionnent plus',
    'les feux de croisement ne marchent plus',
    'le phare droit clignote tout seul',
  ] },
  { category: 'lighting', urgency: 'low', phrases: [
    'remplacer l\'ampoule du feu de position',
    'rénovation des phares jaunis',
    'régler la hauteur des phares',
  ] },
  { category: 'hvac', urgency: 'medium', phrases: [
    'plus de chauffage du tout, impossible de désembuer',
    'la soufflerie ne marche plus',
  ] },
  { category: 'hvac', urgency: 'low', phrases: [
    'la climatisation ne refroidit plus',
    'faire la recharge de la clim',
    'mauvaise odeur quand j\'allume la clim',
    'le chauffage ne chauffe presque plus',
    'la clim marche une fois sur deux',
    'la soufflerie fait du bruit',
  ] },
  { category: 'exhaust_emissions', urgency: 'high', phrases: [
    'le FAP est colmaté et la voiture ne dépasse plus 80',
    'le silencieux s\'est décroché et traîne sur la route',
  ] },
  { category: 'exhaust_emissions', urgency: 'medium', phrases: [
    'le voyant du filtre à particules est allumé',
    'l\'échappement fait un bruit énorme',
    'vanne EGR bloquée, le garage dit qu\'il faut la changer',
    'la voiture fume noir quand j\'accélère',
    'le catalyseur est bouché d\'après le contrôle technique',
    'le pot d\'échappement est percé',
  ] },
  { category: 'exhaust_emissions', urgency: 'low', phrases: [
    'faire un décalaminage',
    'recharge d\'AdBlue à faire',
  ] },
  { category: 'fuel', urgency: 'critical', phrases: [
    'fuite de carburant sous le réservoir',
    'l\'essence coule du moteur, ça sent très fort',
  ] },
  { category: 'fuel', urgency: 'high', phrases: [
    'je me suis trompé de carburant à la pompe',
    'la pompe à essence est morte, le moteur ne part pas',
  ] },
  { category: 'fuel', urgency: 'medium', phrases: [
    'ma voiture consomme beaucoup trop d\'essence',
    'la jauge à essence indique n\'importe quoi',
    'odeur de gasoil dans la voiture',
    'les injecteurs sont encrassés',
    'je n\'arrive pas à faire le plein, le pistolet se coupe',
  ] },
  { category: 'fuel', urgency: 'low', phrases: [
    'remplacer le filtre à essence',
  ] },
  { category: 'body_glass', urgency: 'medium', phrases: [
    'la fissure du pare-brise s\'agrandit',
    'le coffre ne s\'ouvre plus',
    'la vitre arrière est cassée',
    'la porte arrière ne s\'ouvre plus de l\'intérieur',
  ] },
  { category: 'body_glass', urgency: 'low', phrases: [
    'petite rayure sur le pare-choc',
    'réparer une bosse sur la portière',
    'un impact sur le pare-brise à réparer',
    'retouche de peinture sur l\'aile',
    'un peu de rouille sur le hayon',
  ] },
  { category: 'maintenance', urgency: 'medium', phrases: [
    'la vidange n\'a pas été faite depuis trois ans',
    'distribution jamais changée, la voiture a 200 000 km',
  ] },
  { category: 'maintenance', urgency: 'low', phrases: [
    'faire la révision des 30 000 km',
    'vidange avec changement du filtre à huile',
    'contrôle technique dans un mois, je veux faire vérifier la voiture',
    'changer la courroie de distribution',
    'la révision annuelle',
    'le voyant de révision s\'est allumé',
  ] },
];
