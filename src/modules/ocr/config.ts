import { z } from 'zod';

/** The OCR module's configuration section (environment variables). */
export const ocrConfig = z
  .object({
    /** Warm tesseract.js workers (default: one per CPU). */
    OCR_WORKERS: z.coerce.number().int().min(1).max(32).optional(),
    /** Decoded pixels past which an image is refused (413 IMAGE_TOO_LARGE). */
    OCR_MAX_PIXELS: z.coerce.number().int().min(1_000_000).max(200_000_000).default(40_000_000),
  })
  .transform((c) => ({ workers: c.OCR_WORKERS, maxPixels: c.OCR_MAX_PIXELS }));

export type OcrConfig = z.output<typeof ocrConfig>;
