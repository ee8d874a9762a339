import { useMutation } from '@tanstack/react-query';
import { sessionFetch } from '../../app/api/client.ts';
import { ApiError, type Problem } from '../../app/api/problem.ts';

// The shape of POST /v1/ocr/documents (OcrDocument in /openapi.json). It moves to schema.gen.ts
// once the module is part of the generated client (npm run generate:api-client).
export interface OcrBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface OcrField {
  value: string;
  raw: string;
  confidence: number;
  box: OcrBox;
  valid: boolean;
}
export interface OcrDocument {
  id: string;
  status: 'readable' | 'blurry' | 'to_verify' | 'not_a_certificate';
  fields: Record<string, OcrField>;
  normalized: { plate: string | null; vin: string | null; make: string | null; model: string | null; firstRegistrationDate: string | null; holderName: string | null };
  warnings: { code: string; field?: string; message: string }[];
  page: { width: number; height: number; imageUrl: string | null };
}

/** Sends the certificate (multipart field `document`); the key makes a double tap read it once. */
export function useReadCertificate(idempotencyKey: string) {
  return useMutation({
    mutationFn: async (file: File): Promise<OcrDocument> => {
      const form = new FormData();
      form.set('document', file, file.name);
      form.set('kind', 'registration_certificate');
      let res: Response;
      try {
        res = await sessionFetch(new Request(new URL('/v1/ocr/documents', window.location.origin), { method: 'POST', body: form, headers: { 'Idempotency-Key': idempotencyKey } }));
      } catch {
        throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
      }
      const body = await res.json().catch(() => undefined);
      if (!res.ok) throw new ApiError({ ...((body as Problem | undefined) ?? { code: 'UNEXPECTED_RESPONSE' }), status: res.status });
      return body as OcrDocument;
    },
  });
}
