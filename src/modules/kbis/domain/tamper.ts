import type { TamperSignal } from './checks.ts';

/** What the tamper rules look at (see `readPdfFacts`, `overlappingTexts`). */
export interface TamperEvidence {
  laterRevisions: readonly string[];
  producer: string | null;
  creator: string | null;
  created: Date | null;
  modified: Date | null;
  /** The extract's "à jour au" date, ISO. */
  currentTo: string | null;
  /** Pairs of different texts printed over each other. */
  overlaps: readonly [string, string][];
}

// Tools people edit PDFs with; the greffes' PDFs come from their own document chain.
const EDITORS = /\b(word|libreoffice|openoffice|writer|foxit|pdfescape|sejda|ilovepdf|smallpdf|canva|photoshop|gimp|nitro|pdfelement|inkscape|pages|pdf-?xchange|acrobat pro|preview|pdf ?expert|pdf ?candy|lightpdf)\b/i;
const DAY_MS = 86_400_000;

// An update that only adds a digital signature (the greffe signs its extracts) is not an edit.
const signatureOnly = (update: string) => /\/ByteRange/.test(update) && /\/Sig\b/.test(update) && !/\/Contents\s*\[?\s*\d+\s+0\s+R[^/]*\/Type\s*\/Page\b/.test(update) && !/BT[\s\S]*ET/.test(update);

/**
 * Signs that a PDF was changed after the greffe issued it: incremental updates (other than a
 * signature), an editing tool as producer, a modification long after creation, a creation
 * before the date the extract claims, text drawn over text. Each goes to review, none rejects.
 */
export function tamperSignals(e: TamperEvidence): TamperSignal[] {
  const out: TamperSignal[] = [];
  const edits = e.laterRevisions.filter((u) => !signatureOnly(u));
  if (edits.length) out.push({ signal: 'incremental-update', detail: `The PDF was saved again after it was issued (${edits.length} later revision${edits.length > 1 ? 's' : ''}).` });
  const tool = [e.producer, e.creator].find((s) => s && EDITORS.test(s));
  if (tool) out.push({ signal: 'producer', detail: `The PDF was produced by an editing tool (${tool}).` });
  if (e.created && e.modified && e.modified.getTime() - e.created.getTime() > DAY_MS) {
    out.push({ signal: 'modification-date', detail: `The PDF was modified on ${e.modified.toISOString().slice(0, 10)}, after its creation on ${e.created.toISOString().slice(0, 10)}.` });
  }
  if (e.created && e.currentTo && e.created.getTime() < Date.parse(`${e.currentTo}T00:00:00Z`) - DAY_MS) {
    out.push({ signal: 'modification-date', detail: `The PDF was created on ${e.created.toISOString().slice(0, 10)}, before the date it claims to be current to (${e.currentTo}).` });
  }
  if (e.overlaps.length) out.push({ signal: 'text-overlap', detail: `Text is printed over other text ("${e.overlaps[0]![1]}" over "${e.overlaps[0]![0]}").` });
  return out;
}
