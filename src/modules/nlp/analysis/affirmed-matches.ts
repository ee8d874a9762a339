import { isNegationCue, tokenAt, type ReadText } from './tokenise.ts';

// Words that, denied after a mention, deny the mention itself: "le voyant n'est pas allumé",
// "the oil light is not on". "ne s'éteint pas" (does not go off) is not among them: it affirms.
const SWITCHED_ON = new Set(['allume', 'allumee', 'allumes', 'on', 'lit', 'illuminated', 'come', 'came', 'comes', 'showing', 'present', 'presente']);
const LOOK_AHEAD = 5;

function deniedAfter(read: ReadText, end: number): boolean {
  const last = tokenAt(read, Math.max(0, end - 1));
  if (!last) return false;
  const after = read.tokens.filter((t) => t.start >= end && t.clause === last.clause).slice(0, LOOK_AHEAD);
  return after.some((t) => isNegationCue(t.text)) && after.some((t) => SWITCHED_ON.has(t.text));
}

/**
 * Matches of a pattern (with the `g` flag) in the normalised text that no negation denies:
 * neither a cue before them in the clause ("pas de fumée", "sans voyant") nor a denied
 * "switched on" after them ("le voyant huile n'est pas allumé").
 */
export function affirmedMatches(read: ReadText, pattern: RegExp): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (const match of read.normalised.matchAll(pattern)) {
    if (tokenAt(read, match.index)?.negated) continue;
    if (deniedAfter(read, match.index + match[0].length)) continue;
    found.push(match);
  }
  return found;
}

/** True when the pattern occurs at least once without being denied. */
export function affirms(read: ReadText, pattern: RegExp): boolean {
  return affirmedMatches(read, pattern).length > 0;
}

/**
 * True when both patterns occur, affirmed, within `window` words of each other, in either order:
 * "smoke is coming out from under the hood", "le capot fume", "sous le capot, ça crame".
 */
export function affirmsNear(read: ReadText, a: RegExp, b: RegExp, window: number): boolean {
  const positions = (pattern: RegExp) => affirmedMatches(read, pattern).map((m) => read.tokens.findIndex((t) => t.start >= m.index));
  const bs = positions(b);
  return positions(a).some((i) => bs.some((j) => i >= 0 && j >= 0 && Math.abs(i - j) <= window));
}
