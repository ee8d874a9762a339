import { z } from '@hono/zod-openapi';

const BoxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }).openapi('OcrBox');

export const OcrFieldSchema = z
  .object({
    value: z.string().openapi({ description: 'The value after validation and repair (dates as YYYY-MM-DD)' }),
    raw: z.string().openapi({ description: 'The text as read' }),
    confidence: z.number().min(0).max(1),
    box: BoxSchema.openapi({ description: 'Where the value is, in pixels of the page image' }),
    valid: z.boolean().openapi({ description: "false when the text does not fit the field's grammar" }),
  })
  .openapi('OcrField');

export const OcrWarningSchema = z
  .object({ code: z.string(), field: z.string().optional(), message: z.string().openapi({ description: 'In plain French, for the owner' }) })
  .openapi('OcrWarning');

const nullableString = z.string().nullable();

export const OcrDocumentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['registration_certificate', 'generic']),
    status: z.enum(['readable', 'blurry', 'to_verify', 'not_a_certificate']),
    text: z.string(),
    fields: z.record(z.string(), OcrFieldSchema).openapi({ description: 'By printed code: A, B, C.1, C.3, D.1, D.2, D.2.1, D.3, E, F.1, …' }),
    normalized: z.object({
      plate: nullableString,
      vin: nullableString,
      make: nullableString,
      model: nullableString,
      firstRegistrationDate: nullableString.openapi({ description: 'YYYY-MM-DD' }),
      holderName: nullableString,
    }),
    warnings: z.array(OcrWarningSchema),
    timings: z.object({ readMs: z.number(), layoutMs: z.number(), totalMs: z.number() }).openapi({ description: 'Milliseconds spent reading the page, reading its layout, and in all' }),
    page: z.object({
      width: z.number().int(),
      height: z.number().int(),
      imageUrl: nullableString.openapi({ description: 'Signed URL of the page image the boxes refer to (expires after 15 minutes)' }),
    }),
    vehicle: z.object({ id: z.string(), created: z.boolean() }).nullable().openapi({ description: 'The vehicle saved from the reading (saveVehicle=true)' }),
    createdAt: z.string(),
  })
  .openapi('OcrDocument');

export type OcrDocument = z.infer<typeof OcrDocumentSchema>;

export const UploadSchema = z.object({
  document: z
    .custom<File>((v) => v instanceof File, 'must be a file')
    .openapi({ type: 'string', format: 'binary', description: 'The registration certificate: PNG, JPEG or PDF, at most 10 MB' }),
  kind: z.enum(['registration_certificate', 'generic']).default('registration_certificate'),
  saveVehicle: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .openapi({ description: "true: create or update the caller's vehicle from the reading" }),
});
