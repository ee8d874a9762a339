import type { Adjective } from './french-grammar.ts';

/** Words that place a part (side, row, seat) and go after the noun in French. */
export type Placement = string | Adjective;

const RIGHT: Adjective = ['droit', 'droite', 'droits', 'droites'];
const FRONT_RIGHT: Adjective = ['avant droit', 'avant droite', 'avant droits', 'avant droites'];
const REAR_RIGHT: Adjective = ['arrière droit', 'arrière droite', 'arrière droits', 'arrière droites'];

/** Placements written before the English noun: "Left Front Wheel Speed Sensor". */
export const LEADING_PLACEMENTS: ReadonlyArray<readonly [string, Placement]> = [
  ['Left Front', 'avant gauche'],
  ['Right Front', FRONT_RIGHT],
  ['Left Rear', 'arrière gauche'],
  ['Right Rear', REAR_RIGHT],
  ['Rear', 'arrière'],
  ['Left', 'gauche'],
  ['Right', RIGHT],
  ['Center', 'central'],
  ['Driver', 'conducteur'],
  ['Passenger', 'passager'],
  ['First Row Center', '(1er rang, place centrale)'],
  ['Second Row Left', '(2e rang, côté gauche)'],
  ['Second Row Center', '(2e rang, place centrale)'],
  ['Second Row Right', '(2e rang, côté droit)'],
  ['Third Row Left', '(3e rang, côté gauche)'],
  ['Third Row Center', '(3e rang, place centrale)'],
  ['Third Row Right', '(3e rang, côté droit)'],
  ['Cold Start', 'au démarrage à froid'],
];

/** Placements written after the English noun: "Differential Control Module Front". */
export const TRAILING_PLACEMENTS: ReadonlyArray<readonly [string, Placement]> = [
  ['Front', 'avant'],
  ['Rear', 'arrière'],
  ['Left', 'gauche'],
  ['Right', RIGHT],
  ['Single Sensor or Center', '(capteur unique ou central)'],
];
