import type { OcrBox, OcrPage, OcrWord } from '../../../platform/ports/ocr-engine.ts';
import { type CertificateCode, codeCandidates } from './certificate-codes.ts';
import { answersByCode } from './certificate-queries.ts';
import { applyFieldGrammar } from './field-grammar.ts';
import { MAKES, snapMake, snapModel } from './makes.ts';
import { readVin } from './vin.ts';

/** The text printed after one code, where it is and how sure the engine was. */
export interface RawField {
  code: CertificateCode;
  /** How far the printed code was from a clean reading (0: exact; 0.3 per lookalike glyph). */
  codeCost: number;
  text: string;
  /** 0-1, the mean of the value's word confidences. */
  confidence: number;
  /** The value's box (the code's own box when nothing follows it). */
  box: OcrBox;
}

/** What the layout reader found on a page. */
export interface CertificateLayout {
  /** Fields of the main part, by code. */
  fields: Partial<Record<CertificateCode, RawField>>;
  /** Fields of the detachable coupon (below the "COUPON" heading). */
  coupon: Partial<Record<CertificateCode, RawField>>;
  /** Whether the title "CERTIFICAT D'IMMATRICULATION" was seen. */
  titleSeen: boolean;
}

const height = (b: OcrBox) => b.y1 - b.y0;
const middle = (b: OcrBox) => (b.y0 + b.y1) / 2;
const union = (a: OcrBox, b: OcrBox): OcrBox => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });
/** Inside a value words are a space apart; a cell starts well clear of the text before it. */
const CELL_GAP = 2.2;

/**
 * Reads the certificate's layout from an OCR page by codes and positions rather than by line
 * order. Rows are rebuilt from the word boxes (tesseract may cut a row into several lines or
 * blocks), cut into cells at wide gaps; a cell is a code (its first word) and a value (the rest).
 * A code misread as a lookalike ("FL" for F.1, "1" for I) has several candidates: the one whose
 * grammar the value fits wins, then the nearest reading. A code seen twice keeps its valid,
 * then its most exactly printed, then its most confident reading. The engine's answers to the
 * certificate's queries (`page.answers`, Textract) stand beside the cells: see `adoptAnswers`.
 */
export function readCertificateLayout(page: Pick<OcrPage, 'lines' | 'answers'>): CertificateLayout {
  const words = page.lines.flatMap((line) => line.words).filter((w) => w.text.trim() !== '');
  const text = words.map((w) => w.text).join(' ').toUpperCase();
  const titleSeen = /CERTIFICAT/.test(text) && /IMMATRICULATION/.test(text);
  const couponY = words.find((w) => /C[O0]UP[O0]N/i.test(w.text))?.box.y0 ?? Number.POSITIVE_INFINITY;
  const fields: CertificateLayout['fields'] = {};
  const coupon: CertificateLayout['coupon'] = {};
  const plates: RawField[] = [];
  const strays: OcrWord[][] = [];
  const readings: RawField[] = [];
  for (const row of groupRows(words)) {
    for (const cell of cellsOf(row)) {
      const [first] = cell;
      if (!first) continue;
      const field = readCell(...splitCode(cell));
      const valid = field !== undefined && applyFieldGrammar(field.code, field.text).valid;
      if (!valid) strays.push(cell);
      if (!field) continue;
      if (field.code === 'A' && valid && first.box.y0 <= couponY) plates.push(field);
      const target = first.box.y0 > couponY ? coupon : fields;
      if (target === fields) readings.push(field);
      const existing = target[field.code];
      if (!existing || better(field, existing)) target[field.code] = field;
    }
  }
  // Without the coupon's heading, a second A further down the page is the coupon's.
  if (plates.length >= 2 && !coupon.A) {
    const [top, ...others] = [...plates].sort((a, b) => a.box.y0 - b.box.y0);
    const lowest = others[others.length - 1];
    if (top && lowest) {
      fields.A = top;
      coupon.A = lowest;
    }
  }
  adoptAnswers(fields, page.answers ?? [], couponY);
  adoptStrays(fields, strays, couponY);
  adoptModelUnderAnotherCode(fields, readings);
  adoptRowDates(fields, strays);
  return { fields, coupon, titleSeen };
}

const NOT_A_MODEL = new Set<CertificateCode>(['A', 'B', 'C.1', 'D.1', 'D.3', 'E', 'I']);

/**
 * D.3's code misread as another code's ("p.3" for D.3, its value then taken for a fuel type):
 * when D.3 is missing and a reading under another code, with letters in it, is one of the read
 * make's models, it is D.3, and that code keeps its next best reading.
 */
function adoptModelUnderAnotherCode(fields: CertificateLayout['fields'], readings: readonly RawField[]): void {
  const make = fields['D.1']?.text;
  if (fields['D.3'] || !make) return;
  const model = readings.find((r) => !NOT_A_MODEL.has(r.code) && /\p{L}/u.test(r.text) && isKnownModel(make, r.text));
  if (!model) return;
  fields['D.3'] = { ...model, code: 'D.3', codeCost: 1 };
  if (fields[model.code] !== model) return;
  const others = readings.filter((r) => r.code === model.code && r !== model);
  const next = others.reduce<RawField | undefined>((best, r) => (!best || better(r, best) ? r : best), undefined);
  if (next) fields[model.code] = next;
  else delete fields[model.code];
}

/**
 * An engine's answer to a field's query takes the field when the cells gave none, or none that
 * fits the field's grammar, or when both fit and differ and the answer is the surer or the
 * cell's code was read from lookalikes. An answer that fits no grammar, or that lies on the
 * coupon, is left out.
 */
function adoptAnswers(fields: CertificateLayout['fields'], answers: NonNullable<OcrPage['answers']>, couponY: number): void {
  for (const [code, answer] of Object.entries(answersByCode(answers)) as [CertificateCode, NonNullable<OcrPage['answers']>[number]][]) {
    const grammar = applyFieldGrammar(code, answer.text);
    if (!grammar.valid || answer.box.y0 > couponY) continue;
    const candidate: RawField = { code, codeCost: 0, text: answer.text, confidence: Math.round(answer.confidence) / 100, box: answer.box };
    const existing = fields[code];
    const existingGrammar = existing ? applyFieldGrammar(code, existing.text) : undefined;
    // A cell whose code was only a lookalike ("61" for C.1) is a guess the answer outweighs.
    const replaces =
      !existing || !existingGrammar?.valid || (existingGrammar.value !== grammar.value && (existing.codeCost > 0 || candidate.confidence > existing.confidence));
    if (replaces) fields[code] = candidate;
  }
}

/**
 * A key field whose code was unreadable (the codes are printed small) is recognised by its value
 * alone when only that field's grammar fits it: a VIN, a make of the list, one of that make's models.
 */
function adoptStrays(fields: CertificateLayout['fields'], strays: readonly OcrWord[][], couponY: number): void {
  for (const cell of strays) {
    if ((cell[0]?.box.y0 ?? 0) > couponY) continue;
    // Read at each cell: the make may itself have been recognised from a cell above.
    const make = fields['D.1']?.text;
    // The unreadable code may be the first word, or have merged with the value; a cell that
    // starts with a code printed exactly ("X.1" alone) is that code's, never a value.
    const startsWithCode = codeCandidates(cell[0]?.text ?? '')[0]?.cost === 0;
    for (const value of startsWithCode ? [cell.slice(1)] : [cell.slice(1), cell]) {
      if (value.length === 0) continue;
      const text = value.map((w) => w.text).join(' ');
      const code = (['E', 'D.1'] as const).find((c) => !fields[c] && applyFieldGrammar(c, text).valid && strongly(c, text));
      const model = !code && !fields['D.3'] && make && isKnownModel(make, text) ? 'D.3' : undefined;
      const adopted = code ?? model;
      if (!adopted) continue;
      fields[adopted] = {
        code: adopted,
        codeCost: 1,
        text,
        confidence: Math.round(value.reduce((s, w) => s + w.confidence, 0) / value.length) / 100,
        box: value.map((w) => w.box).reduce(union),
      };
      break;
    }
  }
}

/**
 * The certificate's first row prints A, then B (first registration), then I: a date whose code
 * was unreadable on the row of A is B when B is missing, then I.
 */
function adoptRowDates(fields: CertificateLayout['fields'], strays: readonly OcrWord[][]): void {
  const plate = fields.A?.box;
  if (!plate) return;
  const onPlateRow = strays
    .filter((cell) => cell[0] && Math.abs(middle(cell[0].box) - middle(plate)) < height(plate))
    .sort((a, b) => (a[0]?.box.x0 ?? 0) - (b[0]?.box.x0 ?? 0));
  for (const cell of onPlateRow) {
    const code = (['B', 'I'] as const).find((c) => !fields[c]);
    if (!code) return;
    const value = [cell.slice(1), cell].find((v) => v.length > 0 && applyFieldGrammar('B', v.map((w) => w.text).join(' ')).valid);
    if (!value) continue;
    fields[code] = {
      code,
      codeCost: 1,
      text: value.map((w) => w.text).join(' '),
      confidence: Math.round(value.reduce((s, w) => s + w.confidence, 0) / value.length) / 100,
      box: value.map((w) => w.box).reduce(union),
    };
  }
}

function strongly(code: 'E' | 'D.1', text: string): boolean {
  if (code === 'E') return readVin(text) !== undefined;
  return (snapMake(text)?.distance ?? 9) <= 1;
}

function isKnownModel(makeText: string, text: string): boolean {
  const make = snapMake(makeText)?.make;
  return make !== undefined && MAKES.some((m) => m.make === make && m.models.includes(snapModel(make, text)));
}

/**
 * A cell's code word and its value's words. A code the engine cut in two ("D." and "3") is
 * joined when the first word alone is no exact code and the two together are.
 */
function splitCode(cell: readonly OcrWord[]): [OcrWord, OcrWord[]] {
  const [first, second, ...rest] = cell as [OcrWord, ...OcrWord[]];
  if (!second || codeCandidates(first.text)[0]?.cost === 0) return [first, cell.slice(1)];
  const joined = `${first.text}${second.text}`;
  if (codeCandidates(joined)[0]?.cost !== 0) return [first, cell.slice(1)];
  return [{ text: joined, confidence: Math.min(first.confidence, second.confidence), box: union(first.box, second.box) }, rest];
}

function readCell(codeWord: OcrWord, value: readonly OcrWord[]): RawField | undefined {
  const candidates = codeCandidates(codeWord.text);
  if (candidates.length === 0) return undefined;
  const valueText = value.map((w) => w.text).join(' ');
  const fitting = candidates.find(({ code }) => applyFieldGrammar(code, valueText).valid) ?? candidates[0];
  if (!fitting) return undefined;
  if (value.length === 0) return { code: fitting.code, codeCost: fitting.cost, text: '', confidence: 0, box: codeWord.box };
  return {
    code: fitting.code,
    codeCost: fitting.cost,
    text: valueText,
    confidence: Math.round(value.reduce((s, w) => s + w.confidence, 0) / value.length) / 100,
    box: value.map((w) => w.box).reduce(union),
  };
}

function better(candidate: RawField, existing: RawField): boolean {
  const validNew = applyFieldGrammar(candidate.code, candidate.text).valid;
  const validOld = applyFieldGrammar(existing.code, existing.text).valid;
  if (validNew !== validOld) return validNew;
  if (candidate.codeCost !== existing.codeCost) return candidate.codeCost < existing.codeCost;
  return candidate.confidence > existing.confidence;
}

/** Words grouped into rows by vertical overlap, each row sorted left to right. */
function groupRows(words: readonly OcrWord[]): OcrWord[][] {
  const sorted = [...words].sort((a, b) => middle(a.box) - middle(b.box));
  const rows: { words: OcrWord[]; y: number; h: number }[] = [];
  for (const word of sorted) {
    const m = middle(word.box);
    const row = rows.find((r) => Math.abs(r.y - m) <= Math.max(r.h, height(word.box)) * 0.5);
    if (row) {
      row.words.push(word);
      row.y = (row.y * (row.words.length - 1) + m) / row.words.length;
      row.h = Math.max(row.h, height(word.box));
    } else {
      rows.push({ words: [word], y: m, h: height(word.box) });
    }
  }
  return rows.map((r) => r.words.sort((a, b) => a.box.x0 - b.box.x0));
}

/** A row cut into cells where the gap between two words is wide. */
function cellsOf(row: readonly OcrWord[]): OcrWord[][] {
  const sizes = row.map((w) => height(w.box)).sort((a, b) => a - b);
  const typical = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const cells: OcrWord[][] = [];
  row.forEach((word, i) => {
    const previous = row[i - 1];
    if (!previous || word.box.x0 - previous.box.x1 > typical * CELL_GAP) cells.push([word]);
    else cells[cells.length - 1]?.push(word);
  });
  return cells;
}
