import { normaliseText } from './normalise.ts';

/** One word of the normalised text. */
export interface Token {
  /** The word, normalised (folded, spelling fixed). */
  text: string;
  /** Offset of the word in the normalised text. */
  start: number;
  /** True when a negation cue before it, in the same clause, denies it ("pas de fumée"). */
  negated: boolean;
  /** Index of its clause: punctuation and conjunctions ("mais", "but") start a new one. */
  clause: number;
}

/** Normalised text and its words. */
export interface ReadText {
  normalised: string;
  tokens: Token[];
}

// Words that deny what follows them in the clause. "plus" is deliberately absent: "je n'ai plus
// de freins" reports a failure, it does not deny one.
const NEGATION_CUES = new Set([
  'pas',
  'aucun',
  'aucune',
  'sans',
  'jamais',
  'ni',
  'non',
  'rien',
  'no',
  'not',
  'without',
  'never',
  'none',
  'nor',
  'nothing',
  'neither',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'havent',
  'hasnt',
  'hadnt',
  'wont',
  'cant',
  'cannot',
  'couldnt',
]);
// Words that end a negation's scope: a contrast or a new clause.
const SCOPE_BREAKERS = new Set([
  'mais',
  'et',
  'par',
  'cependant',
  'pourtant',
  'sauf',
  'puis',
  'alors',
  'donc',
  'car',
  'parce',
  'quand',
  'lorsque',
  'depuis',
  'but',
  'and',
  'however',
  'though',
  'although',
  'except',
  'then',
  'so',
  'because',
  'since',
  'when',
  'while',
  'yet',
]);
const NEGATION_REACH = 4;
const WORD_OR_STOP = /[a-z0-9]+|[.,;:!?()]/g;

/**
 * Splits a problem description into normalised words and marks the ones a negation denies:
 * in "pas de fumée mais ça claque", "de" and "fumee" are negated, "ca" and "claque" are not.
 * A scope runs from the cue for at most four words, stopping at punctuation or a conjunction;
 * "ni" renews it ("ni fumée ni bruit").
 */
export function readText(text: string): ReadText {
  const normalised = normaliseText(text);
  const tokens: Token[] = [];
  let reach = 0;
  let clause = 0;
  for (const match of normalised.matchAll(WORD_OR_STOP)) {
    const word = match[0];
    if (!/[a-z0-9]/.test(word)) {
      reach = 0;
      clause++;
      continue;
    }
    if (NEGATION_CUES.has(word)) {
      tokens.push({ text: word, start: match.index, negated: false, clause });
      reach = NEGATION_REACH;
      continue;
    }
    if (SCOPE_BREAKERS.has(word)) {
      reach = 0;
      clause++;
    }
    tokens.push({ text: word, start: match.index, negated: reach > 0, clause });
    if (reach > 0) reach--;
  }
  return { normalised, tokens };
}

/** True when a word is a negation cue ("pas", "sans", "no", "doesnt"). */
export function isNegationCue(word: string): boolean {
  return NEGATION_CUES.has(word);
}

/** The token that covers an offset of the normalised text, if any. */
export function tokenAt(read: ReadText, offset: number): Token | undefined {
  const i = tokenIndexFrom(read, offset);
  const token = read.tokens[i];
  if (token && token.start === offset) return token;
  const before = read.tokens[i - 1];
  return before && offset < before.start + before.text.length ? before : undefined;
}

/** Index of the first token starting at or after an offset (tokens.length when none): a binary search. */
export function tokenIndexFrom(read: ReadText, offset: number): number {
  let lo = 0;
  let hi = read.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (read.tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
