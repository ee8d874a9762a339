/**
 * Memory and timeout of each Lambda function, read by the CDK app (infra/). Lambda gives CPU in
 * proportion to memory (one full vCPU at 1,769 MB), so CPU-bound functions get memory for the
 * CPU, not for the heap. A module without an entry here gets {@link DEFAULT_SETTINGS}.
 */
export interface FunctionSettings {
  memoryMb: number;
  timeoutSeconds: number;
  /** Latency-sensitive on a user's path: the CDK app offers provisioned concurrency for it (0 by default). */
  provisionedConcurrencyOption?: boolean;
  /** Why these figures, for whoever tunes them. */
  why: string;
}

export const DEFAULT_SETTINGS: FunctionSettings = { memoryMb: 256, timeoutSeconds: 30, why: 'JSON routes and event handlers on SQL: I/O-bound.' };

const SETTINGS: Readonly<Record<string, FunctionSettings>> = {
  identity: { memoryMb: 1024, timeoutSeconds: 15, why: 'argon2id password hashing at sign-up and sign-in is CPU-bound (about 0.6 vCPU here).' },
  vehicles: { memoryMb: 256, timeoutSeconds: 15, why: 'CRUD on SQL.' },
  ocr: { memoryMb: 3008, timeoutSeconds: 120, why: 'Image preprocessing (sharp) and recognition of multi-page scans: CPU and memory bound; Textract calls can take tens of seconds.' },
  obd: { memoryMb: 512, timeoutSeconds: 30, why: 'IoT rule batches of telemetry decoded and written to the time series.' },
  nlp: { memoryMb: 1024, timeoutSeconds: 30, why: 'Classifier inference in process, plus SageMaker calls when configured.' },
  kbis: {
    memoryMb: 2048,
    timeoutSeconds: 120,
    provisionedConcurrencyOption: true,
    why: 'PDF rendering (mupdf) and OCR of scans in the verification workflow; a pro waits for the decision.',
  },
  planning: {
    memoryMb: 1024,
    timeoutSeconds: 30,
    provisionedConcurrencyOption: true,
    why: 'Slot search and the HiGHS optimiser are CPU-bound; an owner waits for slots while booking.',
  },
  flash: { memoryMb: 512, timeoutSeconds: 60, why: 'Firmware catalogue uploads (checksums over tens of MB) and job workflow tasks.' },
  affiliation: { memoryMb: 256, timeoutSeconds: 5, why: 'The /r/{code} redirect: one lookup and one write, must stay fast.' },
  admin: { memoryMb: 256, timeoutSeconds: 30, why: 'Back-office reads and dead-letter replays.' },
  authorizer: { memoryMb: 256, timeoutSeconds: 5, why: 'One JWT verification (JWKS cached per instance) and one SQL read; on every uncached request.' },
  'iot-authorizer': { memoryMb: 256, timeoutSeconds: 5, why: 'One HMAC check of a device secret and one SQL read; IoT Core gives authorizers 5 s.' },
  migrate: { memoryMb: 512, timeoutSeconds: 600, why: 'Schema migrations at deploy time (custom resource); a large backfill may take minutes.' },
};

/** The settings of the function `name` (a module name, `authorizer`, `iot-authorizer` or `migrate`). */
export function functionSettings(name: string): FunctionSettings {
  return SETTINGS[name] ?? DEFAULT_SETTINGS;
}
