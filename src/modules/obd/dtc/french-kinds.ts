/**
 * Kinds of part that end an English component name, in French: "Exhaust Gas" + "Temperature
 * Sensor" → "le capteur de température" + "des gaz d'échappement".
 */
export const KINDS: ReadonlyArray<readonly [string, string]> = [
  ['Temperature Sensor', 'le capteur de température'],
  ['Pressure Sensor', 'le capteur de pression'],
  ['Position Sensor', 'le capteur de position'],
  ['Speed Sensor', 'le capteur de vitesse'],
  ['Level Sensor', 'le capteur de niveau'],
  ['Current Sensor', 'le capteur de courant'],
  ['Sensor/Switch', 'le capteur ou contacteur'],
  ['Pressure Sensor/Switch', 'le capteur ou contacteur de pression'],
  ['Position Sensor/Switch', 'le capteur ou contacteur de position'],
  ['Shutoff Valve', "la vanne d'arrêt"],
  ['Relay', 'le relais'],
  ['Heater', 'le chauffage'],
  ['Temperature', 'la température'],
  ['Pressure', 'la pression'],
  ['Position', 'la position'],
  ['Voltage', 'la tension'],
  ['Current', 'le courant'],
  ['Control', 'la commande'],
  ['Reference Voltage', 'la tension de référence'],
];
