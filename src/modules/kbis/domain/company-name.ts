// Legal-form words and their abbreviations: "Garage Dupont SARL" and "GARAGE DUPONT" are one company.
const LEGAL_FORM_WORDS = new Set([
  'sarl', 'sas', 'sasu', 'sa', 'eurl', 'snc', 'sci', 'scop', 'sca', 'scs', 'selarl', 'ei', 'eirl', 'gie', 'sc',
  'societe', 'responsabilite', 'limitee', 'anonyme', 'actions', 'simplifiee', 'unipersonnelle', 'entreprise',
  'individuelle', 'nom', 'collectif', 'civile', 'par', 'a', 'en', 'de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et',
]);

/** Lower case, no accents, punctuation as spaces, single spaces. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// "S.A.R.L." folds to "s a r l": letters standing alone one after another are one abbreviation.
function joinInitials(words: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const w of words) {
    if (w.length === 1) run += w;
    else {
      if (run) out.push(run);
      run = '';
      out.push(w);
    }
  }
  if (run) out.push(run);
  return out;
}

/**
 * A company name reduced to what identifies it: case, accents, punctuation, articles and
 * legal-form words dropped ("S.A.R.L. Garage de l'Étoile" → "garage etoile").
 */
export function normaliseCompanyName(name: string): string {
  // Dropping a word can leave two initials side by side ("B La 0" → "b 0"), which the next
  // pass would join: repeat until nothing changes, so that normalising is idempotent. Each
  // pass that changes anything removes a word, so this ends.
  let words = foldText(name).split(' ').filter(Boolean);
  for (;;) {
    const next = joinInitials(words).filter((w) => !LEGAL_FORM_WORDS.has(w));
    if (next.length === words.length) return next.join(' ');
    words = next;
  }
}

/** True when two company names are the same once normalised (and neither is empty). */
export function companyNamesMatch(a: string, b: string): boolean {
  const x = normaliseCompanyName(a);
  return x !== '' && x === normaliseCompanyName(b);
}

/**
 * True when the account holder's name designates the listed manager: the same words in any
 * order, where a given name may be an initial ("J. Dupont" for "DUPONT Jean").
 */
export function personNamesMatch(holder: string, listed: string): boolean {
  const h = foldText(holder).split(' ').filter(Boolean);
  const l = foldText(listed).split(' ').filter(Boolean);
  if (h.length === 0 || l.length === 0) return false;
  const full = h.filter((w) => w.length > 1);
  // Every full word of the holder's name is in the listing, and every initial starts one of its words.
  const fullOk = full.every((w) => l.includes(w));
  const initialsOk = h.filter((w) => w.length === 1).every((i) => l.some((w) => w.startsWith(i) && !full.includes(w)));
  // At least one full word in common (an initial alone proves nothing).
  return full.length > 0 && fullOk && initialsOk;
}
