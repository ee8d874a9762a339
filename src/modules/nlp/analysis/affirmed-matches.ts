import { isNegationCue, type ReadText, tokenAt, tokenIndexFrom } from './tokenise.ts';

// Words that, denied after a mention, deny the mention itself: "le voyant n'est pas allumé",
// "the oil light is not on". "ne s'éteint pas" (does not go off) is not among them: it affirms.
const SWITCHED_ON = new Set(['allume', 'allumee', 'allumes', 'on', 'lit', 'illuminated', 'come', 'came', 'comes', 'showing', 'present', 'presente']);
const LOOK_AHEAD = 5;

function deniedAfter(read: ReadText, end: number): boolean {
  const last = tokenAt(read, Math.max(0, end - 1));
  if (!last) return false;
  const from = tokenIndexFrom(read, end);
  const after = read.tokens.slice(from, from + LOOK_AHEAD).filter((t) => t.clause === last.clause);
  return after.some((t) => isNegationCue(t.text)) && after.some((t) => SWITCHED_ON.has(t.text));
}

/**
 * Matches of a pattern (with the `g` flag) in the normalised text that no negation denies:
 * neither a cue before them in the clause ("pas de fumée", "sans voyant") nor a denied
 * "switched on" after them ("le voyant huile n'est pas allumé").
 */
function affirmedMatches(read: ReadText, pattern: RegExp): RegExpExecArray[] {
  return [...read.normalised.matchAll(pattern)].filter((match) => isAffirmed(read, match));
}

function isAffirmed(read: ReadText, match: RegExpExecArray): boolean {
  return !tokenAt(read, match.index)?.negated && !deniedAfter(read, match.index + match[0].length);
}

/** True when the pattern occurs at least once without being denied (stops at the first). */
export function affirms(read: ReadText, pattern: RegExp): boolean {
  for (const match of read.normalised.matchAll(pattern)) if (isAffirmed(read, match)) return true;
  return false;
}

/**
 * True when both patterns occur, affirmed, within `window` words of each other, in either order:
 * "smoke is coming out from under the hood", "le capot fume", "sous le capot, ça crame".
 */
export function affirmsNear(read: ReadText, a: RegExp, b: RegExp, window: number): boolean {
  const positions = (pattern: RegExp) => affirmedMatches(read, pattern).map((m) => tokenIndexFrom(read, m.index));
  const bs = positions(b);
  if (bs.length === 0) return false;
  return positions(a).some((i) => bs.some((j) => Math.abs(i - j) <= window));
}
