import type { SymptomGroup } from './symptom-phrases.ts';

/**
 * More English phrasings of the same problems, written separately from symptoms-en.ts so that
 * each problem is said several ways (a held-out phrasing then meets its siblings in training).
 */
export const EN_PARAPHRASES: readonly SymptomGroup[] = [
  { category: 'engine', urgency: 'critical', phrases: [
    'white smoke pouring from under the hood, I stopped the car',
    'the oil warning light is red and the engine is clattering',
    'engine bay on fire, fire brigade came',
    'smoke coming out of the engine and a burning smell inside',
  ] },
  { category: 'engine', urgency: 'high', phrases: [
    'the engine light keeps flashing and the car barely moves',
    'heavy misfire and a flashing check engine light',
    'the engine is knocking loudly',
    'the car is in limp mode with no power',
    'loud knocking and jerking from the engine',
    'engine clatters loudly every time I accelerate',
  ] },
  { category: 'engine', urgency: 'medium', phrases: [
    'engine warning light on, the car drives normally',
    'the car judders when I accelerate gently',
    'misfires on cold start',
    'the turbo whistles more than usual',
    'the car stalls sometimes when I stop at lights',
    'lack of power uphill',
    'the engine shakes a lot at idle',
    'ticking from the engine at idle',
  ] },
  { category: 'cooling', urgency: 'critical', phrases: [
    'temperature warning light is red and there is steam from the bonnet',
    'red coolant warning light on, the engine is overheating',
  ] },
  { category: 'cooling', urgency: 'high', phrases: [
    'the engine gets really hot, the gauge goes three quarters up',
    'losing coolant and the engine is running hot',
    'the radiator fan stopped and the car overheats in traffic',
    'a coolant hose burst, coolant everywhere',
  ] },
  { category: 'cooling', urgency: 'medium', phrases: [
    'I have to top up the coolant every week',
    'coolant marks under the radiator',
    'engine temperature a bit higher than normal',
    'the cooling fan comes on very often',
  ] },
  { category: 'transmission', urgency: 'high', phrases: [
    'the clutch slips and I cannot get up hills',
    'cannot get first or reverse',
    'the automatic gearbox will not change gear anymore',
  ] },
  { category: 'transmission', urgency: 'medium', phrases: [
    'gears are hard to engage, especially third',
    'grinding sound when I press the clutch',
    'the clutch pedal is very stiff',
    'the automatic jerks when pulling away',
    'it crunches when I shift into second',
    'clicking from the cv joints when cornering',
  ] },
  { category: 'brakes', urgency: 'critical', phrases: [
    'no brakes at all, the pedal does nothing',
    'the brakes do not work, I had to use the handbrake to stop',
    'brake pedal goes to the floor and the car does not stop',
  ] },
  { category: 'brakes', urgency: 'high', phrases: [
    'metal grinding when I brake',
    'scored discs and loud grinding when braking',
    'pads completely worn, scraping noise',
  ] },
  { category: 'brakes', urgency: 'medium', phrases: [
    'the brakes make a light squeaking noise',
    'the brake pedal vibrates when I brake',
    'brake pad warning light came on',
    'the handbrake does not hold well',
    'brakes squeal in the morning when it is damp',
  ] },
  { category: 'brakes', urgency: 'low', phrases: [
    'front brake pads due soon',
    'I would like the discs and pads inspected',
  ] },
  { category: 'steering_suspension', urgency: 'critical', phrases: [
    'steering wheel locked while driving, cannot turn',
    'steering failure, I could not steer the car',
  ] },
  { category: 'steering_suspension', urgency: 'high', phrases: [
    'steering suddenly very heavy, no power assistance',
    'broken shock absorber, the car bottoms out',
  ] },
  { category: 'steering_suspension', urgency: 'medium', phrases: [
    'knocking noise from the front suspension',
    'the car drifts left when I let go of the wheel',
    'rear shocks are worn out',
    'the steering wheel shakes on the motorway',
    'squeak when I turn the steering wheel',
    'there is play in the steering',
  ] },
  { category: 'steering_suspension', urgency: 'low', phrases: [
    'wheel alignment check please',
  ] },
  { category: 'tyres_wheels', urgency: 'critical', phrases: [
    'wheel nuts are loose and the wheel has play',
    'my wheel came off while driving',
  ] },
  { category: 'tyres_wheels', urgency: 'high', phrases: [
    'puncture, the tyre is completely flat',
    'the sidewall of my tyre is torn',
    'I got a flat and I have no spare wheel',
  ] },
  { category: 'tyres_wheels', urgency: 'medium', phrases: [
    'front right tyre keeps losing pressure',
    'vibration from 70 mph, the wheels need balancing',
    'tyres wearing on the inside edge',
    'bearing noise from the rear that gets louder with speed',
  ] },
  { category: 'tyres_wheels', urgency: 'low', phrases: [
    'I need new tyres',
    'fit winter tyres before december',
    'check tyre pressure and tread depth',
  ] },
  { category: 'electrical', urgency: 'high', phrases: [
    'my car does not start, the battery is dead',
    'the starter clicks but the engine does not turn',
    'battery light came on and the car died',
    'battery failure, cannot start the car',
  ] },
  { category: 'electrical', urgency: 'medium', phrases: [
    'the battery is weak in the morning',
    'the battery warning light flickers from time to time',
    'the windows will not go down',
    'the airbag warning light stays on',
    'central locking will not lock the doors',
    'the alternator is not charging enough',
  ] },
  { category: 'electrical', urgency: 'low', phrases: [
    'the stereo stopped working',
    'the sat nav will not turn on',
    'replace the key battery',
  ] },
  { category: 'lighting', urgency: 'high', phrases: [
    'my headlights do not work at all at night',
  ] },
  { category: 'lighting', urgency: 'medium', phrases: [
    'a headlight bulb has blown',
    'the rear left light does not come on',
    'my indicators do not work',
    'the dipped beams stopped working',
    'the right headlight flickers on its own',
  ] },
  { category: 'lighting', urgency: 'low', phrases: [
    'replace the side light bulb',
    'restore my yellowed headlights',
    'adjust the headlight height',
  ] },
  { category: 'hvac', urgency: 'medium', phrases: [
    'no heating at all, cannot demist the windows',
    'the fan blower stopped working',
  ] },
  { category: 'hvac', urgency: 'low', phrases: [
    'the air conditioning does not cool anymore',
    'AC recharge please',
    'bad smell when I turn the AC on',
    'the heater barely warms up',
    'the AC works only half the time',
    'the blower fan is noisy',
  ] },
  { category: 'exhaust_emissions', urgency: 'high', phrases: [
    'the DPF is clogged and the car will not go over 50 mph',
    'the silencer came loose and is dragging on the road',
  ] },
  { category: 'exhaust_emissions', urgency: 'medium', phrases: [
    'the particulate filter warning light is on',
    'the exhaust is very noisy',
    'EGR valve stuck, the garage says it needs replacing',
    'the car smokes black when I accelerate',
    'catalytic converter blocked according to the MOT',
    'hole in the exhaust pipe',
  ] },
  { category: 'exhaust_emissions', urgency: 'low', phrases: [
    'engine carbon clean',
    'AdBlue refill needed',
  ] },
  { category: 'fuel', urgency: 'critical', phrases: [
    'fuel leak under the tank',
    'petrol leaking from the engine, the smell is very strong',
  ] },
  { category: 'fuel', urgency: 'high', phrases: [
    'I put the wrong fuel in the car',
    'the fuel pump died, the engine will not fire',
  ] },
  { category: 'fuel', urgency: 'medium', phrases: [
    'my car uses far too much fuel',
    'the fuel gauge reads nonsense',
    'smell of diesel inside the car',
    'clogged injectors',
    'I cannot fill up, the nozzle keeps cutting out',
  ] },
  { category: 'fuel', urgency: 'low', phrases: [
    'replace the petrol filter',
  ] },
  { category: 'body_glass', urgency: 'medium', phrases: [
    'the crack in the windscreen is getting bigger',
    'the boot will not open',
    'the rear window is broken',
    'the rear door will not open from the inside',
  ] },
  { category: 'body_glass', urgency: 'low', phrases: [
    'small scratch on the bumper',
    'fix a dent in the door',
    'a chip in the windscreen to repair',
    'paint touch up on the wing',
    'a bit of rust on the tailgate',
  ] },
  { category: 'maintenance', urgency: 'medium', phrases: [
    'no oil change for three years',
    'timing belt never replaced and the car has 200,000 km',
  ] },
  { category: 'maintenance', urgency: 'low', phrases: [
    'the 30,000 km service',
    'oil change with a new oil filter',
    'MOT next month, I want the car checked',
    'replace the timing belt',
    'annual service',
    'the service reminder came on',
  ] },
];
