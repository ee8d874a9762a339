import type { SymptomGroup } from './symptom-phrases.ts';

/**
 * English descriptions of brakes, steering and suspension, tyres and wheels problems, as owners write them
 * (one theme of symptoms-en.ts).
 */
export const EN_CHASSIS_SYMPTOMS: readonly SymptomGroup[] = [
  { category: 'brakes', urgency: 'critical', phrases: [
    'I have no brakes, the pedal goes to the floor',
    'brake pedal sinks to the floor',
    'the brakes failed going downhill',
    'the car will not stop, brakes not working',
    'lost my brakes on the motorway',
    'brake fluid leaking and the pedal is spongy and goes all the way down',
    'brakes stopped working completely',
  ] },
  { category: 'brakes', urgency: 'high', phrases: [
    'grinding noise when braking',
    'metal on metal sound when I brake, pads are gone',
    'loud metallic scraping when braking',
    'the car pulls hard to one side when braking',
    'brake warning light on and the pedal feels soft',
    'brakes grinding really bad',
    'pads worn down to the metal',
  ] },
  { category: 'brakes', urgency: 'medium', phrases: [
    'brakes squeal a little',
    'squeaking when I brake gently',
    'vibration through the brake pedal at high speed',
    'brake pad wear light is on',
    'ABS light is on',
    'the handbrake does not hold on hills anymore',
    'I need to press harder than before to stop',
    'warped disc, the steering wheel shakes when braking',
    'brakes hiss at the end of braking',
    'hot smell from one wheel after driving',
  ] },
  { category: 'brakes', urgency: 'low', phrases: [
    'I would like the brake pads checked',
    'brake fluid change due',
    'brake inspection before the MOT',
  ] },
  { category: 'steering_suspension', urgency: 'critical', phrases: [
    'the steering locked up and I cannot turn the wheel',
    'lost steering while driving',
    'tie rod broke, the wheel is pointing the wrong way',
    'steering not responding in corners',
    'broken ball joint, the front wheel collapsed',
  ] },
  { category: 'steering_suspension', urgency: 'high', phrases: [
    'power steering stopped working, the wheel is very heavy',
    'power steering warning light on and heavy steering all of a sudden',
    'a suspension spring is broken',
    'the car leans to one side and the tyre rubs',
    'lots of play in the steering, the car wanders',
  ] },
  { category: 'steering_suspension', urgency: 'medium', phrases: [
    'clunking over bumps at the front',
    'the car pulls to the right on a straight road',
    'thud over speed bumps',
    'shocks are worn, the car bounces',
    'steering wheel shakes at 70 mph',
    'suspension creaks over speed bumps',
    'the steering wheel is off centre when driving straight',
    'creaking noise when turning the wheel while parked',
    'knocking from the rear on cobbles',
    'steering feels a bit stiff when parking',
    'worn bushings, clunk when braking',
  ] },
  { category: 'steering_suspension', urgency: 'low', phrases: [
    'I want a wheel alignment',
    'tracking needs doing after new tyres',
  ] },
  { category: 'tyres_wheels', urgency: 'critical', phrases: [
    'the wheel is coming loose, the lug nuts are loose',
    'wheel wobbling off, loud banging',
    'missing wheel nuts and the wheel moves',
    'the rear wheel feels like it is coming off',
  ] },
  { category: 'tyres_wheels', urgency: 'high', phrases: [
    'flat tyre, I am driving on the rim',
    'tyre blew out on the motorway',
    'big bulge on the sidewall of the tyre',
    'tire completely flat this morning',
    'tyre is bald, the cords are showing',
  ] },
  { category: 'tyres_wheels', urgency: 'medium', phrases: [
    'tyre pressure light is on',
    'one tyre slowly loses air',
    'vibration at 80 mph on the motorway, probably wheel balance',
    'uneven wear on the front tyres',
    'humming that gets louder with speed',
    'I hit a kerb and the rim is damaged',
    'there is a nail in my tyre',
    'droning from 50 mph, probably a wheel bearing',
  ] },
  { category: 'tyres_wheels', urgency: 'low', phrases: [
    'I would like winter tyres fitted',
    'swap to summer tyres',
    'tyre rotation and pressure check',
    'replace all four tyres, they are getting worn',
    'wheel balancing needed',
  ] },
];
