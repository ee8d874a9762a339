import { SPELLING_FIXES } from './spelling-fixes.ts';

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SPACES = /[\s\u00a0\u202f\u2007]+/g;
// French elisions ("l'accélération", "j'ai", "qu'il") become two words; English contractions
// keep one ("won't" → "wont") so that negation cues stay single tokens.
const ELISION = /\b(l|j|d|n|qu|c|s|m|t|jusqu|lorsqu|puisqu)'(?=[a-z])/g;

/**
 * Lower-cases, folds accents and ligatures, unifies apostrophes and spaces. Offsets are not
 * kept: entity extraction and rules run on this folded text, never on the original.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(SPACES, ' ')
    .trim();
}

/**
 * The text as the analysis reads it: folded, elisions split, SMS abbreviations and common
 * misspellings rewritten word by word (see SPELLING_FIXES). Digits and punctuation are kept.
 */
export function normaliseText(text: string): string {
  // Hyphenated words ("pare-brise", "essuie-glace") read as their two words.
  const folded = foldText(text)
    .replace(ELISION, '$1 ')
    .replace(/'/g, '')
    .replace(/(?<=[a-z])-(?=[a-z])/g, ' ');
  return folded.replace(/\b[a-z]+\b/g, (word) => SPELLING_FIXES[word] ?? word);
}
