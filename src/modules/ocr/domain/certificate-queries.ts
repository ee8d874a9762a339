import type { OcrAnswer, OcrQuery } from '../../../platform/ports/ocr-engine.ts';
import type { CertificateCode } from './certificate-codes.ts';

/**
 * The certificate's key fields asked as questions of engines that answer them (Textract's
 * queries). Each query's alias is the field's printed code, so that an answer goes to its field;
 * the question names the code, as printed beside the value. Questions are in plain ASCII
 * English: Textract's query text allows no accented letters.
 */
const ASKED: readonly [CertificateCode, string][] = [
  ['A', 'What is the registration number (A)?'],
  ['B', 'What is the date of first registration (B)?'],
  ['C.1', 'What is the name of the holder (C.1)?'],
  ['D.1', 'What is the make (D.1)?'],
  ['D.3', 'What is the commercial name (D.3)?'],
  ['E', 'What is the vehicle identification number (E)?'],
  ['I', 'What is the date of registration of this certificate (I)?'],
  ['J', 'What is the vehicle category (J)?'],
  ['P.3', 'What is the fuel type (P.3)?'],
  ['X.1', 'What is the date of validity of the technical inspection (X.1)?'],
];

export const CERTIFICATE_QUERIES: readonly OcrQuery[] = ASKED.map(([code, text]) => ({ alias: code, text }));

const ASKED_CODES = new Set<string>(ASKED.map(([code]) => code));

/** The answers that belong to a certificate field, by code (answers to other aliases are left out). */
export function answersByCode(answers: readonly OcrAnswer[]): Partial<Record<CertificateCode, OcrAnswer>> {
  const byCode: Partial<Record<CertificateCode, OcrAnswer>> = {};
  for (const answer of answers) {
    if (ASKED_CODES.has(answer.alias)) byCode[answer.alias as CertificateCode] = answer;
  }
  return byCode;
}
