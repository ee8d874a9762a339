/**
 * World manufacturer identifiers (ISO 3780, the first three VIN characters) of the makes sold
 * in France, with the makes each one is used for (a few plants build for two makes). Makes are
 * in the normalised form of `normaliseMake`.
 */
export const WMI_MAKES: Readonly<Record<string, readonly string[]>> = {
  // France
  VF1: ['RENAULT'], VF3: ['PEUGEOT'], VR3: ['PEUGEOT'], VF7: ['CITROEN'], VR7: ['CITROEN'], VR1: ['DS'],
  VNK: ['TOYOTA'],
  // Romania, Spain, Czechia, Slovakia, Hungary, Turkey
  UU1: ['DACIA'], VSS: ['SEAT', 'CUPRA'], VS6: ['FORD'], VSK: ['NISSAN'], TMB: ['SKODA'], TMA: ['HYUNDAI'],
  U5Y: ['KIA'], TRU: ['AUDI'], TSM: ['SUZUKI'], NMT: ['TOYOTA'], NLH: ['HYUNDAI'], VXK: ['OPEL'],
  // Germany
  WVW: ['VOLKSWAGEN'], WVG: ['VOLKSWAGEN'], WV1: ['VOLKSWAGEN'], WV2: ['VOLKSWAGEN'], WAU: ['AUDI'], WUA: ['AUDI'],
  WBA: ['BMW'], WBS: ['BMW'], WBY: ['BMW'], WMW: ['MINI'], WDB: ['MERCEDES BENZ'], WDD: ['MERCEDES BENZ'],
  WDC: ['MERCEDES BENZ'], WDF: ['MERCEDES BENZ'], W1K: ['MERCEDES BENZ'], W1N: ['MERCEDES BENZ'], W1V: ['MERCEDES BENZ'],
  WME: ['SMART'], W0L: ['OPEL'], W0V: ['OPEL'], WF0: ['FORD'], WP0: ['PORSCHE'], WP1: ['PORSCHE'], XP7: ['TESLA'],
  // Italy
  ZFA: ['FIAT'], ZAR: ['ALFA ROMEO'], ZLA: ['LANCIA'], ZAM: ['MASERATI'], ZFF: ['FERRARI'], ZHW: ['LAMBORGHINI'],
  // United Kingdom, Sweden
  SAL: ['LAND ROVER'], SAJ: ['JAGUAR'], SJN: ['NISSAN'], SHH: ['HONDA'], SB1: ['TOYOTA'], YV1: ['VOLVO'],
  // Asia
  JTD: ['TOYOTA'], JTE: ['TOYOTA'], JTM: ['TOYOTA'], JTN: ['TOYOTA'], JTH: ['LEXUS'], JN1: ['NISSAN'], JN8: ['NISSAN'],
  JHM: ['HONDA'], JMZ: ['MAZDA'], JMB: ['MITSUBISHI'], JS2: ['SUZUKI'], JSA: ['SUZUKI'], JF1: ['SUBARU'], JF2: ['SUBARU'],
  KMH: ['HYUNDAI'], KNA: ['KIA'], KNE: ['KIA'], KPT: ['SSANGYONG'], LSJ: ['MG'], LGX: ['BYD'], LRW: ['TESLA'],
  // North America
  '5YJ': ['TESLA'], '1C4': ['JEEP'], '1J4': ['JEEP'], '5UX': ['BMW'],
};

/** Other names people give makes, in normalised form, mapped to the table's name. */
const MAKE_ALIASES: Readonly<Record<string, string>> = {
  VW: 'VOLKSWAGEN', MERCEDES: 'MERCEDES BENZ', 'DS AUTOMOBILES': 'DS', ALFA: 'ALFA ROMEO', 'SSANG YONG': 'SSANGYONG',
  'MG MOTOR': 'MG', 'LAND ROVER RANGE ROVER': 'LAND ROVER', 'RANGE ROVER': 'LAND ROVER',
};

/** A make in comparable form: upper case, accents and punctuation removed ("Citroën" → "CITROEN"). */
export function normaliseMake(make: string): string {
  const plain = make
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
  return MAKE_ALIASES[plain] ?? plain;
}

/** The makes a VIN's manufacturer code stands for, or undefined when the code is not listed. */
export function makesOfVin(vin: string): readonly string[] | undefined {
  return WMI_MAKES[vin.slice(0, 3).toUpperCase()];
}
