import { z } from 'zod';

/** One person or company in the management section of a Kbis ("Gérant", "Président"...). */
export const ManagerSchema = z.object({ name: z.string(), role: z.string() });
export type Manager = z.infer<typeof ManagerSchema>;

/**
 * What is read from a Kbis extract. A field the document does not show (or that could not be
 * read) is null; dates are ISO calendar dates (`2026-03-12`).
 */
export const KbisFieldsSchema = z.object({
  siren: z.string().nullable(),
  rcsCity: z.string().nullable(),
  companyName: z.string().nullable(),
  legalForm: z.string().nullable(),
  /** In euros, as written ("10 000,00 Euros" → 10000). */
  shareCapital: z.number().nullable(),
  registrationDate: z.string().nullable(),
  /** The "à jour au" date: when the greffe issued the extract. */
  currentTo: z.string().nullable(),
  address: z.string().nullable(),
  managers: z.array(ManagerSchema),
  activity: z.string().nullable(),
  /** "Code de vérification" (10 characters) printed by Infogreffe, to check the extract online. */
  verificationCode: z.string().nullable(),
});
export type KbisFields = z.infer<typeof KbisFieldsSchema>;

/** The ten fields the issue names (the verification code is a tamper signal, scored apart). */
export const SCORED_FIELDS = [
  'siren',
  'rcsCity',
  'companyName',
  'legalForm',
  'shareCapital',
  'registrationDate',
  'currentTo',
  'address',
  'managers',
  'activity',
] as const satisfies readonly (keyof KbisFields)[];

/** Fields with nothing read. */
export const EMPTY_FIELDS: KbisFields = {
  siren: null,
  rcsCity: null,
  companyName: null,
  legalForm: null,
  shareCapital: null,
  registrationDate: null,
  currentTo: null,
  address: null,
  managers: [],
  activity: null,
  verificationCode: null,
};
