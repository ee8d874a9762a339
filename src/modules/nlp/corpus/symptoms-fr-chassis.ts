import type { SymptomGroup } from './symptom-phrases.ts';

/**
 * French descriptions of brakes, steering and suspension, tyres and wheels problems, as owners write them
 * (one theme of symptoms-fr.ts).
 */
export const FR_CHASSIS_SYMPTOMS: readonly SymptomGroup[] = [
  { category: 'brakes', urgency: 'critical', phrases: [
    'je n\'ai plus de freins, la pédale s\'enfonce jusqu\'au plancher',
    'la pédale de frein va au plancher',
    'les freins ont lâché dans la descente',
    'la voiture ne freine plus du tout',
    'perte de freinage sur l\'autoroute',
    'fuite de liquide de frein, la pédale est molle et s\'enfonce',
    'les freins ne répondent plus',
  ] },
  { category: 'brakes', urgency: 'high', phrases: [
    'bruit de métal contre métal au freinage',
    'ça frotte fer quand je freine, les plaquettes sont à zéro',
    'gros grincement métallique en freinant',
    'la voiture tire fortement d\'un côté au freinage',
    'voyant de frein allumé et la pédale est plus molle',
    'bruit de ferraille au freinage',
    'les plaquettes sont au métal, ça racle',
  ] },
  { category: 'brakes', urgency: 'medium', phrases: [
    'les freins grincent un peu',
    'ça couine quand je freine doucement',
    'vibrations dans la pédale de frein à haute vitesse',
    'le témoin d\'usure des plaquettes est allumé',
    'voyant ABS allumé',
    'le frein à main ne tient plus bien en côte',
    'il faut appuyer plus fort qu\'avant pour freiner',
    'un disque est voilé, le volant tremble au freinage',
    'les freins sifflent en fin de freinage',
    'odeur de chaud sur une roue après avoir roulé',
  ] },
  { category: 'brakes', urgency: 'low', phrases: [
    'je voudrais faire vérifier les plaquettes de frein',
    'remplacement du liquide de frein à prévoir',
    'contrôle des freins avant le contrôle technique',
  ] },
  { category: 'steering_suspension', urgency: 'critical', phrases: [
    'la direction est bloquée, je ne peux plus tourner le volant',
    'perte de direction en roulant',
    'la rotule de direction est cassée, la roue part dans tous les sens',
    'le volant ne répond plus en virage',
    'la biellette de direction a cassé',
  ] },
  { category: 'steering_suspension', urgency: 'high', phrases: [
    'la direction assistée ne marche plus, le volant est très dur',
    'voyant direction assistée allumé et volant dur d\'un coup',
    'un ressort de suspension est cassé',
    'la voiture penche d\'un côté et frotte sur la roue',
    'gros jeu dans la direction, la voiture flotte',
  ] },
  { category: 'steering_suspension', urgency: 'medium', phrases: [
    'ça claque dans les bosses à l\'avant',
    'la voiture tire à droite en ligne droite',
    'bruit sourd dans les dos d\'âne',
    'les amortisseurs sont fatigués, ça rebondit',
    'le volant vibre à 110 km/h',
    'grincement de suspension quand je passe sur un ralentisseur',
    'le volant n\'est plus droit quand je roule tout droit',
    'bruit de craquement en tournant le volant à l\'arrêt',
    'ça tape à l\'arrière sur les pavés',
    'direction un peu dure au parking',
    'silent bloc fatigué, ça cogne en freinant',
  ] },
  { category: 'steering_suspension', urgency: 'low', phrases: [
    'je voudrais faire la géométrie',
    'parallélisme à refaire après changement de pneus',
  ] },
  { category: 'tyres_wheels', urgency: 'critical', phrases: [
    'la roue se desserre, les écrous sont desserrés',
    'une roue qui se détache, ça tape fort',
    'il manque des écrous de roue et la roue bouge',
    'la roue arrière va partir, elle a un jeu énorme',
  ] },
  { category: 'tyres_wheels', urgency: 'high', phrases: [
    'pneu crevé, je roule sur la jante',
    'le pneu a éclaté sur l\'autoroute',
    'grosse hernie sur le flanc du pneu',
    'pneu à plat ce matin, impossible de rouler',
    'le pneu est lisse, on voit la toile',
  ] },
  { category: 'tyres_wheels', urgency: 'medium', phrases: [
    'voyant pression des pneus allumé',
    'un pneu perd de l\'air doucement',
    'vibrations à 130 sur autoroute, sûrement l\'équilibrage',
    'usure irrégulière des pneus avant',
    'bruit de roulement qui augmente avec la vitesse',
    'j\'ai tapé un trottoir, la jante est abîmée',
    'le pneu a un clou dedans',
    'ça ronronne à partir de 80, roulement de roue sans doute',
  ] },
  { category: 'tyres_wheels', urgency: 'low', phrases: [
    'je voudrais passer aux pneus hiver',
    'monter les pneus été',
    'permutation des pneus et contrôle de la pression',
    'changer les quatre pneus, ils sont un peu usés',
    'équilibrage des roues à faire',
  ] },
];
