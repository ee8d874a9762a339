import { z } from 'zod';

/**
 * The flash module's configuration section (environment variables). Manifests are signed by
 * FLASH_SIGNER: `local`, with FLASH_SIGNING_KEY when set (PKCS#8 PEM or a 64-hex-digit seed,
 * from a secret store), else with a key generated once into `<data folder>/flash/signing-key.pem`
 * (mode 0600); or `kms`, with the KMS key FLASH_KMS_KEY_ID (AWS). There is no default key.
 */
export const flashConfig = z
  .object({
    NOVAEVO_DATA_DIR: z.string().default('./.novaevo'),
    FLASH_SIGNER: z.enum(['local', 'kms']).default('local'),
    FLASH_SIGNING_KEY: z.string().min(1).optional(),
    FLASH_KMS_KEY_ID: z.string().min(1).optional(),
    /** Lifetime of the package download and backup upload URLs. */
    FLASH_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  })
  .refine((c) => c.FLASH_SIGNER !== 'kms' || c.FLASH_KMS_KEY_ID !== undefined, {
    message: 'FLASH_SIGNER=kms needs FLASH_KMS_KEY_ID (the Ed25519 KMS key)',
    path: ['FLASH_KMS_KEY_ID'],
  });

/** The validated section. */
export type FlashConfig = z.output<typeof flashConfig>;
