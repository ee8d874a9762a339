import type { OcrBox } from '../../../platform/ports/ocr-engine.ts';
import type { CertificateCode } from './certificate-codes.ts';
import { applyFieldGrammar } from './field-grammar.ts';
import type { CertificateLayout } from './layout-reader.ts';
import { makeOfVin } from './makes.ts';

/** One field of the answer. */
export interface CertificateField {
  value: string;
  /** The text as read, before repair. */
  raw: string;
  /** 0-1: the engine's confidence, lowered by each repair and to 0.3 for text outside the field's grammar. */
  confidence: number;
  box: OcrBox;
  valid: boolean;
}

/** Something the owner should look at, in plain words. */
export interface ReadingWarning {
  code: string;
  field?: CertificateCode;
  message: string;
}

export type CertificateStatus = 'readable' | 'blurry' | 'to_verify' | 'not_a_certificate';

/** The structured reading of a certificate. */
export interface CertificateReading {
  status: CertificateStatus;
  fields: Partial<Record<CertificateCode, CertificateField>>;
  normalized: {
    plate: string | null;
    vin: string | null;
    make: string | null;
    model: string | null;
    firstRegistrationDate: string | null;
    holderName: string | null;
  };
  warnings: ReadingWarning[];
}

const KEY_FIELDS: readonly [CertificateCode, string][] = [
  ['A', "le numéro d'immatriculation (A)"],
  ['B', 'la date de première immatriculation (B)'],
  ['C.1', 'le nom du titulaire (C.1)'],
  ['D.1', 'la marque (D.1)'],
  ['D.3', 'le modèle (D.3)'],
  ['E', 'le numéro VIN (E)'],
];
const LOW_CONFIDENCE = 0.6;
/** Mean word confidence (0-100) under which a page with key fields missing is called blurry. */
const BLURRY_CONFIDENCE = 55;

/**
 * Validates and repairs what the layout reader found, then judges the reading: `blurry` when the
 * page's text was read with low confidence and key fields are missing (so blurred a photo
 * cannot be told from a certificate); `not_a_certificate` when, read clearly, fewer than three
 * of the six key fields were found and the title was not seen; `to_verify` when a
 * key field is missing, invalid or unsure, the coupon's plate differs from A, dates are out of
 * order (or in the future), the make disagrees with the VIN, or a VIN's check digit fails;
 * `readable` otherwise. `today` is YYYY-MM-DD from the injected clock.
 */
export function assessCertificate(layout: CertificateLayout, page: { confidence: number }, today: string): CertificateReading {
  const fields: CertificateReading['fields'] = {};
  const warnings: ReadingWarning[] = [];
  const make = layout.fields['D.1'] ? applyFieldGrammar('D.1', layout.fields['D.1'].text).value : undefined;
  for (const [code, raw] of Object.entries(layout.fields) as [CertificateCode, NonNullable<CertificateLayout['fields'][CertificateCode]>][]) {
    const grammar = applyFieldGrammar(code, raw.text, make ? { make } : {});
    const confidence = grammar.valid ? Math.max(0, raw.confidence - 0.05 * grammar.repaired) : Math.min(raw.confidence, 0.3);
    fields[code] = { value: grammar.value, raw: raw.text, confidence: Math.round(confidence * 100) / 100, box: raw.box, valid: grammar.valid };
    if (code === 'E' && grammar.valid && grammar.checkDigitValid === false) {
      warnings.push({ code: 'VIN_CHECK_DIGIT', field: 'E', message: 'Le chiffre de contrôle du VIN (9e caractère) ne correspond pas : vérifiez le numéro.' });
    }
  }
  reconcilePlate(fields, layout);
  const found = KEY_FIELDS.filter(([code]) => fields[code]?.valid).length;
  const missing = KEY_FIELDS.length - found;
  // A page read this unsurely cannot be told from a certificate: the photo is to retake.
  const blurry = page.confidence < BLURRY_CONFIDENCE && missing >= 2;
  if (found < 3 && !layout.titleSeen && !blurry) {
    return {
      status: 'not_a_certificate',
      fields,
      normalized: normalizedOf(fields),
      warnings: [{ code: 'NOT_A_CERTIFICATE', message: "Ce document ne ressemble pas à un certificat d'immatriculation." }, ...warnings],
    };
  }
  for (const [code, label] of KEY_FIELDS) {
    const field = fields[code];
    if (!field || field.value === '') warnings.push({ code: 'FIELD_MISSING', field: code, message: `Impossible de lire ${label}.` });
    else if (!field.valid) warnings.push({ code: 'FIELD_INVALID', field: code, message: `${capitalize(label)} ne semble pas valide : « ${field.raw} ».` });
    else if (field.confidence < LOW_CONFIDENCE) {
      const feminine = label.startsWith('la ');
      warnings.push({ code: 'FIELD_UNSURE', field: code, message: `${capitalize(label)} a été ${feminine ? 'lue' : 'lu'} avec peu de certitude : vérifiez-${feminine ? 'la' : 'le'}.` });
    }
  }
  crossChecks(fields, layout, today, warnings);
  const status = blurry ? 'blurry' : warnings.length > 0 ? 'to_verify' : 'readable';
  if (status === 'blurry') warnings.unshift({ code: 'BLURRY', message: 'La photo est floue ou mal éclairée : reprenez-la à plat, bien éclairée, sans reflet.' });
  return { status, fields, normalized: normalizedOf(fields), warnings };
}

/**
 * The plate is printed twice (A and the coupon): when the main reading is invalid or less sure
 * than a differing coupon reading, the coupon's is taken (the difference is still reported).
 */
function reconcilePlate(fields: CertificateReading['fields'], layout: CertificateLayout): void {
  const couponRaw = layout.coupon.A;
  if (!couponRaw) return;
  const coupon = applyFieldGrammar('A', couponRaw.text);
  const main = fields.A;
  if (!coupon.valid) return;
  if (!main?.valid || (main.value !== coupon.value && couponRaw.confidence > main.confidence)) {
    fields.A = { value: coupon.value, raw: couponRaw.text, confidence: Math.round(couponRaw.confidence * 100) / 100, box: couponRaw.box, valid: true };
  }
}

function crossChecks(fields: CertificateReading['fields'], layout: CertificateLayout, today: string, warnings: ReadingWarning[]): void {
  const plate = fields.A;
  const couponRaw = layout.coupon.A;
  const mainRaw = layout.fields.A;
  if (plate?.valid && couponRaw && mainRaw) {
    const coupon = applyFieldGrammar('A', couponRaw.text);
    const main = applyFieldGrammar('A', mainRaw.text);
    if (coupon.value !== main.value) {
      warnings.push({ code: 'PLATE_MISMATCH', field: 'A', message: `Le numéro du coupon détachable (${coupon.value}) diffère de celui du certificat (${main.value}).` });
    }
  }
  const first = fields.B?.valid ? fields.B.value : undefined;
  const issued = fields.I?.valid ? fields.I.value : undefined;
  if (first && first > today) warnings.push({ code: 'DATE_IN_FUTURE', field: 'B', message: 'La date de première immatriculation est dans le futur.' });
  if (first && issued && issued < first) {
    warnings.push({ code: 'DATES_OUT_OF_ORDER', field: 'I', message: "La date d'immatriculation (I) précède la date de première immatriculation (B)." });
  }
  const vin = fields.E?.valid ? fields.E.value : undefined;
  const make = fields['D.1']?.valid ? fields['D.1'].value : undefined;
  const vinMake = vin ? makeOfVin(vin) : undefined;
  if (vinMake && make && vinMake !== make) {
    warnings.push({ code: 'MAKE_VIN_MISMATCH', field: 'D.1', message: `La marque lue (${make}) ne correspond pas au VIN, qui désigne ${vinMake}.` });
  }
}

function normalizedOf(fields: CertificateReading['fields']): CertificateReading['normalized'] {
  const valid = (code: CertificateCode) => (fields[code]?.valid && fields[code]?.value ? fields[code].value : null);
  return {
    plate: valid('A'),
    vin: valid('E'),
    make: valid('D.1'),
    model: valid('D.3'),
    firstRegistrationDate: valid('B'),
    holderName: valid('C.1'),
  };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
