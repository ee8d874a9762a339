import type { Language } from '../analysis/taxonomy.ts';

const SMS: Record<Language, ReadonlyArray<readonly [RegExp, string]>> = {
  fr: [[/\bquand\b/g, 'qd'], [/\bproblème\b/g, 'pb'], [/\bbeaucoup\b/g, 'bcp'], [/\btoujours\b/g, 'tjrs'], [/\bje suis\b/g, 'chui'], [/\bc'est\b/g, 'c'], [/\bj'ai\b/g, 'jai'], [/\bdans\b/g, 'ds'], [/\bqu'/g, 'k'], [/\bil y a\b/g, 'ya'], [/\bpour\b/g, 'pr']],
  en: [[/\byou\b/g, 'u'], [/\bplease\b/g, 'pls'], [/\bbecause\b/g, 'cuz'], [/\bare\b/g, 'r'], [/\bI am\b/g, 'im'], [/\bwill not\b/g, 'wont'], [/\bdoes not\b/g, 'doesnt'], [/\bthanks\b/g, 'thx'], [/\bwith\b/g, 'w/']],
};

const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

function typo(text: string, random: () => number): string {
  const words = [...text.matchAll(/[A-Za-zÀ-ÿ]{5,}/g)];
  const target = words[Math.floor(random() * words.length)];
  if (!target) return text;
  const w = target[0];
  const i = 1 + Math.floor(random() * (w.length - 2));
  // Half swap two letters ("freni"), half drop one ("embrayge"): the commonest slips.
  const changed = random() < 0.5 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i) + w.slice(i + 1);
  return text.slice(0, target.index) + changed + text.slice(target.index + w.length);
}

/**
 * Writes a text the way owners type on a phone: sometimes as is, sometimes without accents,
 * in SMS style, with a slip of the finger, all lower case without punctuation, or shouting.
 */
export function addNoise(text: string, language: Language, random: () => number): string {
  const r = random();
  if (r < 0.3) return text;
  if (r < 0.5) return language === 'fr' ? stripAccents(text) : typo(text, random);
  if (r < 0.65) return SMS[language].reduce((s, [pattern, short]) => s.replace(pattern, short), text);
  if (r < 0.8) return typo(stripAccents(text), random);
  if (r < 0.93) return text.toLowerCase().replace(/[.,;:!?]/g, ' ').replace(/\s+/g, ' ').trim();
  return `${text.toUpperCase()} !!`;
}
