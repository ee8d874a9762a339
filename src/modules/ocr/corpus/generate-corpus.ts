import sharp from 'sharp';
import { certificateSvg } from './certificate-svg.ts';
import { type CertificateTruth, generateCertificate } from './certificate-values.ts';
import { type PhotoDegradation, phonePhoto } from './photo-variant.ts';
import { seededRandom } from './random.ts';

/** One generated document with its ground truth. */
export interface CorpusDocument {
  id: string;
  variant: 'scan' | 'photo';
  contentType: 'image/png' | 'image/jpeg';
  image: Uint8Array;
  truth: CertificateTruth;
  degradation?: PhotoDegradation;
}

/**
 * Generates `count` synthetic registration certificates from `seed`, alternating clean scans
 * (PNG) and phone photos (JPEG) unless `variants` says otherwise. Deterministic: the same seed
 * gives the same documents, so a benchmark and a test can name one by its index.
 *
 * @example
 * for await (const doc of generateCorpus({ count: 4, seed: 7 })) console.log(doc.id, doc.truth.normalized.plate);
 */
export async function* generateCorpus(options: { count: number; seed?: number; variants?: readonly ('scan' | 'photo')[] }): AsyncGenerator<CorpusDocument> {
  const variants = options.variants ?? ['scan', 'photo'];
  for (let index = 0; index < options.count; index++) {
    yield await generateDocument((options.seed ?? 1) * 100_003 + index, variants[index % variants.length] ?? 'scan', index);
  }
}

/** One document of the corpus, by its seed. */
export async function generateDocument(seed: number, variant: 'scan' | 'photo', index = 0): Promise<CorpusDocument> {
  const random = seededRandom(seed);
  const truth = generateCertificate(random);
  const png = new Uint8Array(await sharp(Buffer.from(certificateSvg(truth, random))).png().toBuffer());
  const id = `${variant}-${String(index).padStart(3, '0')}`;
  if (variant === 'scan') return { id, variant, contentType: 'image/png', image: png, truth };
  const { jpeg, degradation } = await phonePhoto(png, random);
  return { id, variant, contentType: 'image/jpeg', image: jpeg, truth, degradation };
}
