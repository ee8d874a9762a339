import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The random secret stored in `file` (readable by its owner only), created on first use: how the
 * local runtime keeps its blob encryption key and URL-signing secret across restarts.
 * Throws when the file exists with another length (a truncated or foreign file must not be
 * silently replaced: that would make every encrypted blob unreadable).
 *
 * @example
 * const encryptionKey = await loadOrCreateSecretFile(path.join(dataDir, 'keys/blob-encryption.key'));
 */
export async function loadOrCreateSecretFile(file: string, bytes = 32): Promise<Buffer> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // `wx` fails when the file exists, so two processes starting at once keep the same secret.
    await writeFile(file, randomBytes(bytes), { flag: 'wx', mode: 0o600, flush: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = await readFile(file);
  if (secret.length !== bytes) throw new Error(`${file} holds ${secret.length} bytes, expected ${bytes}: restore it from a backup`);
  return secret;
}
