import type { Category } from '../analysis/taxonomy.ts';

/** A vehicle as owners name it, with what the extractor should read from it. */
export interface VehicleSlot {
  text: string;
  make: string;
  model: string | null;
  year: number | null;
}

/** Words around a symptom, per language. Data for the corpus templates. */
export interface LanguageSlots {
  openers: readonly string[];
  times: readonly string[];
  closings: readonly string[];
  /** A denied context and the symptom words it would contradict (then it is not used). */
  denials: ReadonlyArray<readonly [string, RegExp]>;
  vehicles: readonly VehicleSlot[];
  /** Mileage as written, and in kilometres. */
  mileages: ReadonlyArray<readonly [string, number]>;
  /** How a fault code is introduced; `{code}` is the code as written. */
  codeFrames: readonly string[];
}

/** French slot fillers. */
export const FR_SLOTS: LanguageSlots = {
  openers: ['bonjour,', 'salut,', 'Bonjour, voilà :', 'urgent :', 'help !', 'svp aidez-moi,', 'alors voilà,', 'petit souci :', 'j\'ai besoin d\'un garage,', 'bjr'],
  times: ['depuis hier', 'depuis quelques jours', 'depuis une semaine', 'depuis ce matin', 'quand il fait froid', 'sur l\'autoroute', 'surtout en ville', 'après 20 minutes de route', 'depuis le dernier plein', 'depuis mon retour de vacances', 'de temps en temps'],
  closings: ['c\'est grave ?', 'je peux rouler ?', 'vous pouvez regarder ?', 'combien ça coûte ?', 'dispo cette semaine ?', 'merci d\'avance', 'merci', 'qu\'en pensez-vous ?'],
  denials: [
    ['pas de fumée', /fum|feu|flamm/],
    ['aucun voyant allumé', /voyant|temoin|témoin|burette|fap|adblue/i],
    ['pas de fuite', /fuite|fuit|coule|flaque|goutte|perd|vide|baisse/],
    ['rien d\'autre à signaler', /^$/],
    ['pas d\'odeur de brûlé', /br[uû]l|odeur|sent/],
    ['pas de perte de puissance', /puissance|bridée|mode|pousse|reprise|essouffle/],
    ['sans bruit bizarre', /bruit|claqu|grinc|siffl|cogn|couine|tape|craqu|ronron|racle|frott/],
  ],
  vehicles: [
    { text: 'ma Clio 4 de 2016', make: 'Renault', model: 'Clio', year: 2016 },
    { text: 'Peugeot 308 de 2012', make: 'Peugeot', model: '308', year: 2012 },
    { text: 'ma peugeot 206', make: 'Peugeot', model: '206', year: null },
    { text: 'Golf 7 TDI', make: 'Volkswagen', model: 'Golf', year: null },
    { text: 'Citroën C3 de 2015', make: 'Citroën', model: 'C3', year: 2015 },
    { text: 'Dacia Sandero 2018', make: 'Dacia', model: 'Sandero', year: 2018 },
    { text: 'mon Kangoo', make: 'Renault', model: 'Kangoo', year: null },
    { text: 'Renault Mégane 3 dCi', make: 'Renault', model: 'Mégane', year: null },
    { text: 'ma Twingo', make: 'Renault', model: 'Twingo', year: null },
    { text: 'BMW 320d de 2010', make: 'BMW', model: '320d', year: 2010 },
    { text: 'mon scenic', make: 'Renault', model: 'Scénic', year: null },
    { text: 'Toyota Yaris hybride 2019', make: 'Toyota', model: 'Yaris', year: 2019 },
    { text: 'mon Citroen Berlingo', make: 'Citroën', model: 'Berlingo', year: null },
    { text: 'Ford Fiesta de 2014', make: 'Ford', model: 'Fiesta', year: 2014 },
    { text: 'ma Fiat 500 de 2011', make: 'Fiat', model: '500', year: 2011 },
    { text: 'mon duster', make: 'Dacia', model: 'Duster', year: null },
    { text: 'Audi A3 2017', make: 'Audi', model: 'A3', year: 2017 },
    { text: 'Opel Corsa', make: 'Opel', model: 'Corsa', year: null },
    { text: 'mon Captur de 2020', make: 'Renault', model: 'Captur', year: 2020 },
    { text: 'ma pijo 207', make: 'Peugeot', model: '207', year: null },
    { text: 'ma renaud clio', make: 'Renault', model: 'Clio', year: null },
    { text: 'la vw polo de ma femme', make: 'Volkswagen', model: 'Polo', year: null },
    { text: 'Kia Sportage 2021', make: 'Kia', model: 'Sportage', year: 2021 },
    { text: 'Skoda Octavia break', make: 'Škoda', model: 'Octavia', year: null },
    { text: 'Peugeot 3008 de 2019', make: 'Peugeot', model: '3008', year: 2019 },
    { text: 'mercedes classe C 2013', make: 'Mercedes-Benz', model: 'Classe C', year: 2013 },
  ],
  mileages: [
    ['120 000 km', 120000], ['85.000 kms', 85000], ['140000km', 140000], ['120k km', 120000], ['200 000 bornes', 200000],
    ['95 000 km', 95000], ['60k', 60000], ['175000 kms', 175000], ['45 000 kilomètres', 45000], ['230.000 km', 230000],
    ['plus de 300 000 km', 300000], ['à 150k km', 150000], ['68 500 km', 68500],
  ],
  codeFrames: ['code {code}', 'la valise indique {code}', 'défaut {code}', 'code erreur {code}', 'le garage a lu {code}', '{code} au diagnostic'],
};

/** English slot fillers. */
export const EN_SLOTS: LanguageSlots = {
  openers: ['hi,', 'hello,', 'Hi there,', 'urgent:', 'help!', 'please help,', 'so,', 'quick question:', 'need a garage,', 'hey'],
  times: ['since yesterday', 'for a few days', 'for a week now', 'since this morning', 'when it is cold', 'on the motorway', 'mostly in town', 'after 20 minutes of driving', 'since my last fill-up', 'since I got back from holiday', 'now and then'],
  closings: ['is it serious?', 'can I still drive it?', 'can you take a look?', 'how much would it cost?', 'any slot this week?', 'thanks in advance', 'thanks', 'what do you think?'],
  denials: [
    ['no smoke', /smok|fire|flame/],
    ['no warning lights on the dash', /light|lamp|warning|dpf|adblue/i],
    ['no leaks', /leak|drip|pour|puddle|losing|drops|empties/],
    ['nothing else to report', /^$/],
    ['no burning smell', /burn|smell/],
    ['no loss of power', /power|limp|turbo|hesitat/],
    ['without any strange noise', /nois|knock|grind|squeal|squeak|whin|rattl|clunk|click|thud|hum|dron|creak|bang|crunch|hiss|ticking|scrap/],
  ],
  vehicles: [
    { text: 'my 2016 Renault Clio', make: 'Renault', model: 'Clio', year: 2016 },
    { text: 'Peugeot 308 2012', make: 'Peugeot', model: '308', year: 2012 },
    { text: 'my VW Golf', make: 'Volkswagen', model: 'Golf', year: null },
    { text: 'Ford Focus 2015', make: 'Ford', model: 'Focus', year: 2015 },
    { text: 'my Toyota Corolla', make: 'Toyota', model: 'Corolla', year: null },
    { text: '2018 Nissan Qashqai', make: 'Nissan', model: 'Qashqai', year: 2018 },
    { text: 'my BMW X3', make: 'BMW', model: 'X3', year: null },
    { text: 'Tesla Model 3 2021', make: 'Tesla', model: 'Model 3', year: 2021 },
    { text: 'my old Citroen C4', make: 'Citroën', model: 'C4', year: null },
    { text: 'Hyundai i30 2017', make: 'Hyundai', model: 'i30', year: 2017 },
    { text: 'my Dacia Duster', make: 'Dacia', model: 'Duster', year: null },
    { text: 'Mazda CX-5 2019', make: 'Mazda', model: 'CX-5', year: 2019 },
    { text: 'my Fiat Panda', make: 'Fiat', model: 'Panda', year: null },
    { text: 'Volvo XC60 2014', make: 'Volvo', model: 'XC60', year: 2014 },
    { text: 'my Kia Ceed', make: 'Kia', model: 'Ceed', year: null },
    { text: 'Audi A4 2011', make: 'Audi', model: 'A4', year: 2011 },
    { text: 'my Skoda Fabia', make: 'Škoda', model: 'Fabia', year: null },
    { text: 'Mercedes A-Class 2016', make: 'Mercedes-Benz', model: 'A-Class', year: 2016 },
    { text: 'my Opel Astra', make: 'Opel', model: 'Astra', year: null },
    { text: 'Honda Civic 2009', make: 'Honda', model: 'Civic', year: 2009 },
    { text: 'my Seat Ibiza', make: 'Seat', model: 'Ibiza', year: null },
  ],
  mileages: [
    ['120k km', 120000], ['75k miles', 120701], ['90,000 miles', 144841], ['60000 km', 60000], ['140k', 140000],
    ['110 000 km', 110000], ['35k miles', 56327], ['200000km', 200000], ['about 95,000 km', 95000], ['160k kms', 160000],
    ['82,500 miles', 132771],
  ],
  codeFrames: ['code {code}', 'the scanner shows {code}', 'fault code {code}', 'OBD says {code}', 'the garage read {code}', '{code} on the reader'],
};

/** Fault codes that go with each category (OBD-II, SAE J2012). */
export const CODES_BY_CATEGORY: Partial<Record<Category, readonly string[]>> = {
  engine: ['P0300', 'P0301', 'P0302', 'P0303', 'P0304', 'P0016', 'P0335', 'P0299', 'P0101'],
  cooling: ['P0128', 'P0117', 'P0217', 'P0118'],
  transmission: ['P0700', 'P0730', 'P0715', 'P0841'],
  exhaust_emissions: ['P0420', 'P0401', 'P2002', 'P2463', 'P0136', 'P20EE'],
  fuel: ['P0087', 'P0171', 'P0172', 'P0455', 'P0190'],
  electrical: ['P0562', 'U0100', 'P0620', 'B1000'],
  brakes: ['C0035', 'C0040', 'C0265'],
  steering_suspension: ['C0460', 'C0545'],
  tyres_wheels: ['C0750', 'C0775'],
};
