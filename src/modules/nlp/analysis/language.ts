import type { Language } from './taxonomy.ts';
import type { Token } from './tokenise.ts';

// Frequent words that only one of the two languages uses (after folding): function words and the
// commonest words of car talk.
const FRENCH = new Set(
  (
    'le la les de des du et est ma mon mes je j il elle on un une pas avec sur au aux dans en ce ca c qui que quand ' +
    'voiture moteur frein freins bruit roue roues voyant depuis tres fait fais chaud froid plus puis mais ou y ai ' +
    'suis sont quand lorsque apres avant pendant bonjour merci svp allume clignote quoi pourquoi peu beaucoup toujours ' +
    'ne n l d s qu vitesse embrayage pneu pneus batterie fumee fuite direction demarre probleme rendez vous fois'
  ).split(' '),
);
const ENGLISH = new Set(
  (
    'the my is are and when it of to i on in not no with from at there this that was has have while driving car ' +
    'noise engine brake brakes light wheel wheels warning after before since very makes making sound hot cold ' +
    'wont dont doesnt cant didnt isnt please thanks hello hi what why sometimes always start starts leak leaking ' +
    'smoke steering gear tyre tyres battery problem issue be been its when then can could would should'
  ).split(' '),
);

/**
 * The language of a description: the one whose frequent words it uses most. Mixed French and
 * English goes to the majority; a tie goes to the caller's locale, then to French (the
 * platform's home market).
 */
export function detectLanguage(tokens: readonly Token[], locale?: string): Language {
  let fr = 0;
  let en = 0;
  for (const { text } of tokens) {
    if (FRENCH.has(text)) fr++;
    if (ENGLISH.has(text)) en++;
  }
  if (fr > en) return 'fr';
  if (en > fr) return 'en';
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}
