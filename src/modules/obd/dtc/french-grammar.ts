/**
 * The little French grammar the DTC wording needs: articles, "de" contractions and agreement.
 * Noun phrases are written with their article ("la sonde lambda", "le papillon", "l'huile") so
 * that "de" + phrase contracts correctly and adjectives agree with the noun.
 */

type Gender = 'm' | 'f';

/** An adjective in its four forms: masculine, feminine, masculine plural, feminine plural. */
export type Adjective = readonly [m: string, f: string, mp: string, fp: string];

/** Feminine nouns that begin with a vowel or a mute h, so their article is elided to "l'". */
const ELIDED_FEMININE = new Set([
  'activation', 'admission', 'alerte', 'alimentation', 'eau', 'électronique', 'électrovanne', 'énergie',
  'entrée', 'huile', 'information', 'inhibition', 'injection', 'unité', 'usure',
]);

/** Gender and number of a noun phrase, read from its article. */
function agreementOf(phrase: string): { gender: Gender; plural: boolean } {
  if (phrase.startsWith('les ')) return { gender: /^les (sondes|bougies|vannes|électrovannes|pompes|bobines|soupapes|roues|données)/.test(phrase) ? 'f' : 'm', plural: true };
  if (phrase.startsWith('la ')) return { gender: 'f', plural: false };
  if (phrase.startsWith("l'")) {
    const word = phrase.slice(2).split(/[ ,]/)[0] ?? '';
    return { gender: ELIDED_FEMININE.has(word) ? 'f' : 'm', plural: false };
  }
  return { gender: 'm', plural: false };
}

/** The adjective form that agrees with the noun phrase. */
export function agree(adjective: Adjective, phrase: string): string {
  const { gender, plural } = agreementOf(phrase);
  return adjective[(gender === 'f' ? 1 : 0) + (plural ? 2 : 0)] ?? adjective[0];
}

/** "de" followed by the phrase, contracted: du, des, de la, de l', d'. */
export function de(phrase: string): string {
  if (phrase.startsWith('le ')) return `du ${phrase.slice(3)}`;
  if (phrase.startsWith('les ')) return `des ${phrase.slice(4)}`;
  if (phrase.startsWith('la ') || phrase.startsWith("l'")) return `de ${phrase}`;
  return /^[aeiouyéèêh]/i.test(phrase) ? `d'${phrase}` : `de ${phrase}`;
}

/** The phrase without its leading article. */
export function withoutArticle(phrase: string): string {
  return phrase.replace(/^(le |la |les |l')/, '');
}

/** The phrase with its first letter in upper case. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
