import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The sealing key when none is configured: 32 random bytes in `<dir>/secret.key` (mode 0600),
 * created once with an exclusive create so that two starts cannot write different keys. Read
 * lazily, at the first partner operation, since a module's init does no I/O.
 */
export function keyFromFile(dir: string): () => Promise<Buffer> {
  let key: Promise<Buffer> | undefined;
  const file = path.join(dir, 'secret.key');
  const load = async () => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      await writeFile(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const k = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (k.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
    return k;
  };
  return () => {
    key ??= load().catch((err) => {
      key = undefined;
      throw err;
    });
    return key;
  };
}
