// Loaded at the first hash: a process that only verifies tokens (every Lambda function but
// identity's) never loads the native addon, nor needs it installed.
const argon2 = () => import('@node-rs/argon2');

// argon2id with OWASP's recommended floor (19 MiB, 2 passes, 1 lane).
const PARAMS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id (memory-hard); the result embeds salt and parameters. */
export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, PARAMS);
}

// Verified against when the account does not exist, so that a wrong email costs as much as a wrong password.
let decoy: Promise<string> | undefined;

/** Checks `password` against `stored`; with no stored hash, spends the same time and says no. */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (stored === undefined) {
    decoy ??= hashPassword('decoy-password-for-timing');
    await (await argon2()).verify(await decoy, password).catch(() => false);
    return false;
  }
  return (await argon2()).verify(stored, password).catch(() => false);
}
