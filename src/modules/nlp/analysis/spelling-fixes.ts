/**
 * Token rewrites applied after accent folding: SMS abbreviations, common misspellings and
 * spoken forms, each mapped to the spelling the rest of the analysis expects. Keys and values
 * are folded (lower case, no accents). A value may hold several words.
 */
export const SPELLING_FIXES: Readonly<Record<string, string>> = {
  // French SMS style
  pb: 'probleme', pbm: 'probleme', pblm: 'probleme', prob: 'probleme', 
  bcp: 'beaucoup', bcq: 'beaucoup', ds: 'dans', tjrs: 'toujours', tjr: 'toujours', tjs: 'toujours',
  koi: 'quoi', kan: 'quand', qd: 'quand', qnd: 'quand', kand: 'quand', ke: 'que', ki: 'qui', pr: 'pour', pk: 'pourquoi',
  tt: 'tout', vrmt: 'vraiment', vraimen: 'vraiment', ya: 'il y a', yen: 'il y en',
  jai: 'j ai', jsuis: 'je suis', chui: 'je suis', jpeux: 'je peux', jpense: 'je pense', cest: 'c est', sa: 'ca',
  ct: 'c etait', ptet: 'peut etre', ptetre: 'peut etre', slt: 'salut', bjr: 'bonjour', stp: 'svp',
  auj: 'aujourd hui', ajd: 'aujourd hui', dmd: 'demande', rdv: 'rendez vous', kms: 'km',
  // French misspellings and spoken forms
  moteure: 'moteur', moter: 'moteur', voyan: 'voyant', voiyant: 'voyant', voyants: 'voyant', temoins: 'temoin',
  frain: 'frein', frains: 'freins', freinne: 'freine', frene: 'freine', freinages: 'freinage',
  embrayge: 'embrayage', embrayag: 'embrayage', ambrayage: 'embrayage', embreyage: 'embrayage', anbrayage: 'embrayage',
  amortiseur: 'amortisseur', amortiseurs: 'amortisseurs', 
  baterie: 'batterie', battrie: 'batterie', batrie: 'batterie', baterri: 'batterie',
  vidanje: 'vidange', videnge: 'vidange', revison: 'revision', revition: 'revision',
  pneux: 'pneus', climatisation: 'clim', climatiseur: 'clim', clime: 'clim',
  direktion: 'direction', diretion: 'direction', demare: 'demarre', demmare: 'demarre', demarr: 'demarre',
  demarrre: 'demarre', cliniote: 'clignote', clignotte: 'clignote', 
  fummee: 'fumee', fume: 'fumee', fumme: 'fumee', surchaufe: 'surchauffe', surchoffe: 'surchauffe',
  chauff: 'chauffe', chofe: 'chauffe', siflle: 'siffle', sifle: 'siffle', grinsse: 'grince', grinse: 'grince',
  claqe: 'claque', cogn: 'cogne', vibr: 'vibre', vibrasion: 'vibration', vibrasions: 'vibrations',
  essance: 'essence', gazoile: 'gasoil', gazole: 'gasoil', gazoil: 'gasoil', carburan: 'carburant',
  parbrise: 'pare brise', parebrise: 'pare brise', retro: 'retroviseur', retros: 'retroviseurs',
  fare: 'phare', fares: 'phares', ampoulle: 'ampoule',
  bagnole: 'voiture', caisse: 'voiture', chiotte: 'voiture', auto: 'voiture', vehicule: 'voiture',
  // English SMS style and misspellings
  u: 'you', ur: 'your', r: 'are', pls: 'please', plz: 'please', thx: 'thanks', w: 'with', wo: 'without',
  bc: 'because', cuz: 'because', coz: 'because', idk: 'i do not know', im: 'i am', ive: 'i have',
  aint: 'isnt',
  breaks: 'brakes', braks: 'brakes', brakeing: 'braking', breaking: 'braking',
  engin: 'engine', enigne: 'engine', egine: 'engine', lite: 'light', lites: 'lights', ligth: 'light',
  noize: 'noise', nois: 'noise', squeek: 'squeak', squeeking: 'squeaking', grindin: 'grinding', grindng: 'grinding',
  clucth: 'clutch', cluch: 'clutch', transmision: 'transmission', tranny: 'gearbox', gearbx: 'gearbox',
  batery: 'battery', battey: 'battery', batt: 'battery', alternater: 'alternator', alternatr: 'alternator',
  steerin: 'steering', stearing: 'steering', suspention: 'suspension', tires: 'tyres',
  overheatin: 'overheating', overheting: 'overheating', exaust: 'exhaust', exhuast: 'exhaust',
  windshield: 'windscreen', aircon: 'ac', airco: 'ac', leakin: 'leaking', leeking: 'leaking',
  vibratin: 'vibrating', knockin: 'knocking', misfireing: 'misfiring',
};
