import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const SecretsSchema = z.object({
  blobEncryptionKey: z.string().regex(/^[0-9a-f]{64}$/),
  urlSigningSecret: z.string().min(32),
});

export type LocalSecrets = z.infer<typeof SecretsSchema>;

/**
 * The local runtime's own secrets (blob encryption key, URL-signing secret), generated on first
 * start and kept in `<dataDir>/secrets.json` with owner-only permissions. In AWS, KMS and
 * Secrets Manager hold these instead.
 */
export async function loadOrCreateSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  try {
    return SecretsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} is unreadable or damaged; restore it from a backup`, { cause: err });
  }
  const secrets: LocalSecrets = { blobEncryptionKey: randomBytes(32).toString('hex'), urlSigningSecret: randomBytes(32).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  // 'wx': never overwrite a file another process just created.
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  return SecretsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}
