/**
 * What a module's function may reach beyond what its declarations already say (routes, events,
 * timers, workflows, notification templates, MQTT subscriptions). Only what no declaration shows
 * is listed, each with the reason; a module absent here gets the shared baseline only.
 */
export interface ExtraAccess {
  /** Reads and writes the documents bucket (uploaded documents). */
  documents?: boolean;
  /** Reads and writes the firmware bucket. */
  firmware?: boolean;
  /** Calls Textract (the OCR engine's AWS adapter). */
  textract?: boolean;
  /** Publishes to the SNS topics without declaring templates (raw notifications). */
  notifications?: boolean;
  /** MQTT topics (IoT resource patterns) it publishes to through the IoT data endpoint. */
  publishTopics?: string[];
  /**
   * An Ed25519 KMS key of its own (ECC_NIST_EDWARDS25519, SIGN_VERIFY) it may Sign with and read
   * the public key of; its ARN reaches the function in `keyIdVariable`, beside `environment`.
   */
  signingKey?: { what: string; keyIdVariable: string; environment: Record<string, string> };
  why: string;
}

export const EXTRA_ACCESS: Readonly<Record<string, ExtraAccess>> = {
  identity: { notifications: true, why: 'sends e-mail verification links through the notifications port directly' },
  ocr: { documents: true, textract: true, why: 'stores uploaded vehicle documents and reads them with Textract' },
  kbis: { documents: true, textract: true, why: 'stores Kbis extracts (90-day retention) and reads scans with Textract' },
  flash: {
    firmware: true,
    signingKey: { what: 'signs firmware manifests', keyIdVariable: 'FLASH_KMS_KEY_ID', environment: { FLASH_SIGNER: 'kms' } },
    why: 'stores signed firmware images and ECU backups, and signs their manifests with its KMS key (agents verify with the public key)',
  },
  obd: { publishTopics: ['novaevo/v1/devices/*/cmd'], why: 'sends commands to its devices on their command topic' },
};
