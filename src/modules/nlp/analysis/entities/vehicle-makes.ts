/**
 * Makes sold in France: display name, the spellings owners use (folded, misspellings included)
 * and the model names (folded spelling → display name). Data, not logic.
 */
export interface MakeEntry {
  name: string;
  spellings: readonly string[];
  /** Spellings that are also everyday words ("seat", "mini"): they count only before a model name. */
  needsModel?: readonly string[];
  models: Readonly<Record<string, string>>;
  /** World manufacturer identifiers (first three VIN characters). */
  wmi: readonly string[];
}

const names = (list: string): Record<string, string> =>
  Object.fromEntries(
    list.split('|').map((display) => [
      display
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/-/g, ' '),
      display,
    ]),
  );

/** Makes sold in France, French makes first. */
export const MAKES: readonly MakeEntry[] = [
  {
    name: 'Renault',
    spellings: ['renault', 'renaud', 'renaul', 'renult'],
    needsModel: ['reno'],
    wmi: ['VF1', 'VF2', 'VF6'],
    models: names(
      'Clio|Mégane|Captur|Scénic|Twingo|Kangoo|Zoé|Laguna|Espace|Kadjar|Austral|Arkana|Trafic|Master|Koleos|Talisman|Modus|Fluence|Symbol|Rafale|Safrane|R5|R19',
    ),
  },
  {
    name: 'Peugeot',
    spellings: ['peugeot', 'peugot', 'peugeo', 'pijo', 'pigeot', 'peujo', 'peugeut', 'pegeot'],
    wmi: ['VF3', 'VR3'],
    models: names('106|107|108|205|206|207|208|2008|306|307|308|3008|406|407|408|508|5008|607|807|Partner|Expert|Boxer|Bipper|Rifter|RCZ|iOn|Traveller'),
  },
  {
    name: 'Citroën',
    spellings: ['citroen', 'citroan', 'citrouen', 'citreon'],
    needsModel: ['citron'],
    wmi: ['VF7', 'VR7'],
    models: names(
      'C1|C2|C3|C3 Aircross|C4|C4 Picasso|C5|C5 Aircross|C6|C8|Berlingo|Saxo|Xsara|Xsara Picasso|Picasso|Jumpy|Jumper|Nemo|C-Elysée|DS3|DS4|DS5|Ami|C15|AX|ZX|Xantia',
    ),
  },
  { name: 'DS', spellings: ['ds automobiles'], needsModel: ['ds'], wmi: ['VR1'], models: names('DS 3|DS 4|DS 7|DS 9|DS 7 Crossback') },
  { name: 'Dacia', spellings: ['dacia', 'dacya'], wmi: ['UU1'], models: names('Sandero|Duster|Logan|Spring|Jogger|Lodgy|Dokker|Bigster') },
  { name: 'Alpine', spellings: ['alpine'], wmi: ['VFA'], models: names('A110|A290') },
  {
    name: 'Volkswagen',
    spellings: ['volkswagen', 'vw', 'volkswagon', 'wolkswagen', 'volswagen', 'volks', 'wv', 'vollkswagen'],
    wmi: ['WVW', 'WV1', 'WV2'],
    models: names(
      'Golf|Polo|Passat|Tiguan|Touran|T-Roc|T-Cross|Up|Caddy|Transporter|Sharan|Scirocco|Jetta|Touareg|Arteon|ID.3|ID.4|Lupo|Fox|Beetle|Coccinelle|Taigo|Crafter',
    ),
  },
  { name: 'Audi', spellings: ['audi', 'audy'], wmi: ['WAU', 'WUA', 'TRU'], models: names('A1|A3|A4|A5|A6|A7|A8|Q2|Q3|Q5|Q7|Q8|TT|e-tron|S3|RS3') },
  {
    name: 'BMW',
    spellings: ['bmw', 'beemer', 'bemer', 'bmv'],
    needsModel: ['bm'],
    wmi: ['WBA', 'WBS', 'WBY'],
    models: names('Série 1|Série 2|Série 3|Série 5|X1|X2|X3|X4|X5|X6|116d|118d|120d|316d|318d|320d|330d|520d|530d|i3|Z4|M3'),
  },
  {
    name: 'Mercedes-Benz',
    spellings: ['mercedes benz', 'mercedes', 'merco', 'mercos', 'mercedez', 'mercedess', 'benz'],
    needsModel: ['merc'],
    wmi: ['WDB', 'WDD', 'WDC', 'W1K', 'W1N'],
    models: names('Classe A|Classe B|Classe C|Classe E|Classe S|CLA|GLA|GLC|GLE|ML|Sprinter|Vito|Citan|A-Class|C-Class|E-Class|A180|C220|E220'),
  },
  {
    name: 'Opel',
    spellings: ['opel', 'opelle', 'oppel'],
    wmi: ['W0L', 'W0V', 'VXK'],
    models: names('Corsa|Astra|Meriva|Zafira|Insignia|Mokka|Crossland|Grandland|Vectra|Agila|Adam|Vivaro|Combo|Tigra'),
  },
  {
    name: 'Ford',
    spellings: ['ford', 'forde'],
    wmi: ['WF0', 'VS6', '1FA'],
    models: names('Fiesta|Focus|Kuga|Puma|Transit|Mondeo|C-Max|S-Max|Galaxy|Ka|EcoSport|Ranger|Mustang|B-Max|Fusion|Courier'),
  },
  {
    name: 'Toyota',
    spellings: ['toyota', 'toyta', 'toyotta', 'toyot', 'totoya'],
    wmi: ['JTD', 'JT1', 'SB1', 'VNK', 'NMT'],
    models: names('Yaris|Yaris Cross|Corolla|Auris|C-HR|RAV4|Aygo|Prius|Avensis|Land Cruiser|Hilux|Verso|Proace|iQ|GT86'),
  },
  {
    name: 'Nissan',
    spellings: ['nissan', 'nisan', 'nissane'],
    wmi: ['SJN', 'VSK', 'JN1'],
    models: names('Qashqai|Juke|Micra|Note|X-Trail|Leaf|Navara|Primera|Almera|Pulsar|NV200|Patrol'),
  },
  {
    name: 'Kia',
    spellings: ['kia', 'kya'],
    wmi: ['KNA', 'KNE', 'U5Y'],
    models: names('Picanto|Rio|Ceed|Sportage|Niro|Stonic|Sorento|Venga|XCeed|EV6|Soul|Carens'),
  },
  {
    name: 'Hyundai',
    spellings: ['hyundai', 'hyundia', 'huyndai', 'hundai', 'hyndai', 'hiundai', 'hyunday'],
    wmi: ['KMH', 'TMA', 'NLH'],
    models: names('i10|i20|i30|Tucson|Kona|ix35|Santa Fe|Ioniq|Bayon|Getz|ix20|Atos'),
  },
  {
    name: 'Fiat',
    spellings: ['fiat', 'fiatt', 'fiate'],
    wmi: ['ZFA', 'ZFC'],
    models: names('500|500X|500L|Panda|Punto|Grande Punto|Tipo|Doblo|Ducato|Multipla|Bravo|Scudo|Qubo|Fiorino|Stilo|Seicento'),
  },
  { name: 'Seat', spellings: ['siat'], needsModel: ['seat'], wmi: ['VSS'], models: names('Ibiza|León|Arona|Ateca|Tarraco|Alhambra|Altea|Mii|Toledo|Cordoba') },
  { name: 'Cupra', spellings: ['cupra'], wmi: ['VSS'], models: names('Formentor|Born') },
  {
    name: 'Škoda',
    spellings: ['skoda', 'scoda', 'shkoda'],
    wmi: ['TMB'],
    models: names('Octavia|Fabia|Superb|Kodiaq|Karoq|Kamiq|Scala|Yeti|Rapid|Roomster|Citigo|Enyaq'),
  },
  { name: 'Volvo', spellings: ['volvo', 'volvos'], wmi: ['YV1', 'YV4'], models: names('XC40|XC60|XC90|V40|V60|V70|V90|S40|S60|S90|C30|EX30') },
  { name: 'Mazda', spellings: ['mazda', 'masda', 'madza'], wmi: ['JMZ', 'JM1'], models: names('Mazda2|Mazda3|Mazda6|CX-3|CX-30|CX-5|CX-60|MX-5|RX-8') },
  { name: 'Honda', spellings: ['honda'], wmi: ['JHM', 'SHH'], models: names('Civic|Jazz|CR-V|HR-V|Accord|e:Ny1|FR-V') },
  {
    name: 'Suzuki',
    spellings: ['suzuki', 'suzuky', 'suzki'],
    wmi: ['JSA', 'TSM'],
    models: names('Swift|Vitara|Jimny|Ignis|SX4|S-Cross|Celerio|Baleno|Alto|Grand Vitara'),
  },
  {
    name: 'Mitsubishi',
    spellings: ['mitsubishi', 'mitsubichi', 'mitsu'],
    wmi: ['JMB', 'XMC'],
    models: names('Outlander|ASX|Space Star|Colt|Eclipse Cross|L200|Pajero|Lancer'),
  },
  { name: 'Tesla', spellings: ['tesla', 'tessla'], wmi: ['5YJ', '7SA', 'LRW', 'XP7'], models: names('Model 3|Model Y|Model S|Model X') },
  { name: 'MG', spellings: ['mg motor'], needsModel: ['mg'], wmi: ['LSJ', 'SDP'], models: names('MG4|MG ZS|ZS|HS|MG3|Marvel R') },
  { name: 'Mini', spellings: [], needsModel: ['mini'], wmi: ['WMW'], models: names('Cooper|Countryman|Clubman|One|Paceman') },
  { name: 'Jeep', spellings: ['jeep', 'jeap'], wmi: ['1C4', 'ZAC'], models: names('Renegade|Compass|Wrangler|Cherokee|Grand Cherokee|Avenger') },
  { name: 'Alfa Romeo', spellings: ['alfa romeo', 'alfa', 'alpha romeo'], wmi: ['ZAR'], models: names('Giulietta|Giulia|MiTo|Stelvio|Tonale|147|156|159') },
  { name: 'Lancia', spellings: ['lancia'], wmi: ['ZLA'], models: names('Ypsilon|Delta|Musa') },
  {
    name: 'Land Rover',
    spellings: ['land rover', 'landrover', 'range rover'],
    wmi: ['SAL'],
    models: names('Defender|Discovery|Discovery Sport|Evoque|Velar|Freelander|Range Rover Sport'),
  },
  { name: 'Jaguar', spellings: ['jaguar'], needsModel: ['jag'], wmi: ['SAJ'], models: names('XE|XF|F-Pace|E-Pace|XJ|F-Type') },
  { name: 'Porsche', spellings: ['porsche', 'porche', 'porshe'], wmi: ['WP0', 'WP1'], models: names('911|Cayenne|Macan|Panamera|Taycan|Boxster|Cayman') },
  { name: 'Lexus', spellings: ['lexus'], wmi: ['JTH'], models: names('NX|UX|RX|CT|IS|ES') },
  { name: 'Smart', spellings: [], needsModel: ['smart'], wmi: ['WME'], models: names('Fortwo|Forfour|#1') },
  { name: 'Subaru', spellings: ['subaru', 'subarou'], wmi: ['JF1', 'JF2'], models: names('Forester|Outback|Impreza|XV|Legacy') },
  { name: 'BYD', spellings: ['byd'], wmi: ['LGX'], models: names('Atto 3|Dolphin|Seal|Han') },
  { name: 'Abarth', spellings: ['abarth'], wmi: ['ZFA'], models: names('595|695|500e') },
];
