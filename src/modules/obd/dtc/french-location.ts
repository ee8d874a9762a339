/**
 * Where a fault sits, as J2012 writes it at the end of a description: "(Bank 1)",
 * "(Bank 1, Sensor 2)", "Bank 2 Sensor A", "- Cylinder 3", "(Bank 1 or Single Sensor)".
 */
export interface Location {
  /** The description without its location. */
  readonly rest: string;
  readonly bank?: string;
  /** Sensor number or letter ("1", "A"). */
  readonly sensor?: string;
  readonly unit?: string;
  readonly cylinder?: string;
  /** "banc 1 ou capteur unique" style wording, already in French. */
  readonly special?: string;
}

const BANK = /\s*\(?\bBank (\d)(?:,? (Sensor|Unit) ([0-9A-Z]))?\)?$/;
const CYLINDER = /\s+-\s+Cylinder (\d+)$/;
const SPECIAL: ReadonlyArray<readonly [string, string]> = [
  ['(Bank 1 or Single Sensor)', 'banc 1 ou capteur unique'],
  ['(Single Sensor or Center)', 'capteur unique ou central'],
  ['(Cam/Rotor/Injector)', 'came, rotor ou injecteur'],
];

/** Splits the location off the end of an English description. */
export function extractLocation(english: string): Location {
  for (const [suffix, french] of SPECIAL) {
    if (english.endsWith(suffix)) return { rest: english.slice(0, -suffix.length).trim(), special: french };
  }
  const cylinder = CYLINDER.exec(english);
  if (cylinder?.[1] !== undefined) return { rest: english.slice(0, cylinder.index), cylinder: cylinder[1] };
  const bank = BANK.exec(english);
  if (bank?.[1] === undefined) return { rest: english };
  const rest = english.slice(0, bank.index).replace(/\s*-$/, '');
  if (bank[2] === 'Unit' && bank[3] !== undefined) return { rest, bank: bank[1], unit: bank[3] };
  if (bank[3] !== undefined) return { rest, bank: bank[1], sensor: bank[3] };
  return { rest, bank: bank[1] };
}

/**
 * Where an oxygen sensor sits, as a French garage says it: sensor 1 is upstream of the catalyst
 * ("amont"), sensor 2 downstream ("aval"), further ones by number.
 */
function oxygenSensorPosition(sensor: string): string {
  if (sensor === '1') return ' amont';
  if (sensor === '2') return ' aval';
  return ` n° ${sensor}`;
}

/**
 * Renders a location in French. For oxygen sensors (`position` true) the sensor number becomes
 * the upstream/downstream word placed after the noun; a cylinder follows the noun ("Injecteur
 * du cylindre 3"); the rest goes in parentheses.
 */
export function frenchLocation(location: Location, position: boolean): { position: string; suffix: string } {
  if (location.special !== undefined) return { position: '', suffix: ` (${location.special})` };
  if (location.cylinder !== undefined) return { position: '', suffix: ` du cylindre ${location.cylinder}` };
  if (location.bank === undefined) return { position: '', suffix: '' };
  const parts = [`banc ${location.bank}`];
  let word = '';
  if (location.sensor !== undefined) {
    if (position && /^\d$/.test(location.sensor)) word = oxygenSensorPosition(location.sensor);
    else parts.push(`capteur ${location.sensor}`);
  }
  if (location.unit !== undefined) parts.push(`élément ${location.unit}`);
  return { position: word, suffix: ` (${parts.join(', ')})` };
}
