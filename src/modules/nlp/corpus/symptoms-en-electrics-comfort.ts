import type { SymptomGroup } from './symptom-phrases.ts';

/**
 * English descriptions of electrical system, lighting, heating and air conditioning problems, as owners write them
 * (one theme of symptoms-en.ts).
 */
export const EN_ELECTRICS_COMFORT_SYMPTOMS: readonly SymptomGroup[] = [
  { category: 'electrical', urgency: 'critical', phrases: [
    'smoke coming from the dashboard and a smell of burning wires',
    'wires melted behind the dash and there is smoke',
  ] },
  { category: 'electrical', urgency: 'high', phrases: [
    'car will not start, just clicking',
    'dead battery every morning',
    'the car won\'t start, nothing lights up',
    'starter motor does not turn',
    'it won\'t start and the whole dashboard flickers',
    'battery light on while driving and the headlights are dimming',
    'nothing happens when I turn the key',
  ] },
  { category: 'electrical', urgency: 'medium', phrases: [
    'battery light comes on now and then',
    'the battery drains when the car sits for a few days',
    'power windows stopped working',
    'central locking does not work anymore',
    'the dashboard goes dark sometimes',
    'slow cranking in the morning',
    'airbag light is on',
    'the wipers stopped working',
    'the alternator whines',
    'a fuse keeps blowing',
    'the key is not recognised sometimes',
  ] },
  { category: 'electrical', urgency: 'low', phrases: [
    'the radio does not turn on',
    'the USB port does not charge my phone',
    'key fob battery is low',
    'bluetooth will not connect',
    'the sat nav screen stays black',
  ] },
  { category: 'lighting', urgency: 'high', phrases: [
    'none of my headlights work at night',
    'both headlights are out, I cannot see anything at night',
    'brake lights do not come on at all',
  ] },
  { category: 'lighting', urgency: 'medium', phrases: [
    'one headlight is out',
    'the left indicator blinks very fast',
    'tail lights out on one side',
    'headlights are very dim',
    'right brake light bulb is blown',
    'turn signals stopped working',
    'headlights flicker on their own',
    'reverse light does not come on',
  ] },
  { category: 'lighting', urgency: 'low', phrases: [
    'replace a dipped beam bulb',
    'headlights are yellow and cloudy',
    'headlight aim adjustment',
    'number plate light is out',
    'interior light bulb is dead',
    'condensation inside the headlight',
    'I want LED headlight bulbs fitted',
  ] },
  { category: 'hvac', urgency: 'medium', phrases: [
    'the heater stopped working and the windscreen stays fogged up',
    'demister does not work',
    'the blower does not blow at all',
    'coolant smell in the cabin when the heater is on',
  ] },
  { category: 'hvac', urgency: 'low', phrases: [
    'the AC is not cold anymore',
    'air con regas needed',
    'the air conditioning smells musty',
    'the heater only blows lukewarm',
    'the fan only works on speed 4',
    'the AC makes a noise when switched on',
    'water dripping in the passenger footwell when the AC runs',
    'air conditioning blows hot air',
    'replace the cabin filter',
    'the AC compressor does not kick in',
  ] },
];
