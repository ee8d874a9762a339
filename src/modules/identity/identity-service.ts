import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { conflict, notFound, unauthorized, badRequest } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { EmailSchema, PasswordSchema } from '../../platform/validation/text.ts';
import type { Logger } from '../../platform/logger.ts';
import type { SqlDatabase, SqlExecutor } from '../../platform/ports/sql.ts';
import type { Role, VerificationStatus } from '../../platform/auth/principal.ts';
import { isUniqueViolation } from '../../platform/ports/sql.ts';
import { parseSiren } from '../../platform/validation/siren.ts';
import type { LocalIssuer } from './local-issuer.ts';
import { LoginThrottle } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  name: string;
  company?: { name: string; siren: string } | undefined;
  locale?: 'fr' | 'en' | undefined;
}

/** An account just written, as the registration's follow-up (the verification email) needs it. */
export interface NewAccount {
  id: string;
  email: string;
  name: string;
  locale: 'fr' | 'en';
}

export interface UserView {
  id: string;
  email: string;
  role: Role;
  name: string;
  locale: 'fr' | 'en';
  emailVerified: boolean;
  created_at: string;
  organisation: { id: string; name: string; siren: string; verified: boolean; verification: VerificationStatus } | null;
}

export interface TokenSet {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  role: Role;
  name: string;
  locale: 'fr' | 'en';
  email_verified_at: Date | null;
  created_at: Date;
  org_id: string | null;
  org_name: string | null;
  org_siren: string | null;
  org_status: VerificationStatus | null;
}

const USER_SELECT = `SELECT u.id, u.email, u.password_hash, u.role, u.name, u.locale, u.email_verified_at, u.created_at, u.org_id,
  o.name AS org_name, o.siren AS org_siren, o.verification_status AS org_status
  FROM users u LEFT JOIN organisations o ON o.id = u.org_id`;

/** Emails compare case-insensitively; stored lower-cased. */
const normaliseEmail = (email: string) => email.trim().toLowerCase();

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

function toView(r: UserRow): UserView {
  return {
    id: r.id,
    email: r.email,
    role: r.role,
    name: r.name,
    locale: r.locale,
    emailVerified: r.email_verified_at !== null,
    created_at: r.created_at.toISOString(),
    organisation: r.org_id
      ? { id: r.org_id, name: r.org_name!, siren: r.org_siren!, verified: r.org_status === 'verified', verification: r.org_status ?? 'unverified' }
      : null,
  };
}

export interface IdentityServiceDeps {
  db: SqlDatabase;
  clock: Clock;
  issuer: LocalIssuer;
  logger: Logger;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  throttle?: LoginThrottle;
  /** Told of every revocation, so this process stops the session's access tokens at once. */
  revoked?: { note(sessionIds: Iterable<string>): void };
}

/** Local identity: accounts, organisations, password login, refresh-token rotation. */
export class IdentityService {
  readonly #throttle: LoginThrottle;
  constructor(private readonly deps: IdentityServiceDeps) {
    this.#throttle = deps.throttle ?? new LoginThrottle(deps.db, deps.clock);
  }

  /**
   * Creates a user (and, for a pro, its organisation): operators' path (CLI, admin bootstrap)
   * and the first step of self-registration (`afterInsert` runs in its transaction). 409 EMAIL_TAKEN.
   */
  async createUser(input: NewUser, options: { afterInsert?: (tx: SqlExecutor, user: NewAccount) => Promise<void> } = {}): Promise<UserView> {
    // The HTTP schema checks these too; the CLI and the admin bootstrap come through here alone.
    const parsedEmail = EmailSchema.safeParse(input.email);
    if (!parsedEmail.success) throw badRequest('EMAIL_INVALID', 'The email address is not valid.');
    if (!PasswordSchema.safeParse(input.password).success) throw badRequest('PASSWORD_TOO_WEAK', 'The password must have 10 to 256 characters.');
    const email = parsedEmail.data;
    const now = this.deps.clock.now();
    if (input.role === 'pro' && !input.company) throw badRequest('COMPANY_REQUIRED', 'A professional account needs its company name and SIREN.');
    if (input.role !== 'pro' && input.company) throw badRequest('COMPANY_NOT_ALLOWED', 'Only professional accounts declare a company.');
    const siren = input.company ? parseSiren(input.company.siren) : undefined;
    if (input.company && !siren) throw badRequest('SIREN_INVALID', 'The SIREN must be 9 digits with a valid check digit.');
    const passwordHash = await hashPassword(input.password);
    const id = newId();
    try {
      await this.deps.db.transaction(async (tx) => {
        let orgId: string | null = null;
        if (input.company && siren) {
          orgId = newId();
          await tx.query('INSERT INTO organisations (id, name, siren, created_at) VALUES ($1, $2, $3, $4)', [orgId, input.company.name.trim(), siren, now]);
        }
        await tx.query('INSERT INTO users (id, email, password_hash, role, name, org_id, created_at, locale) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
          id,
          email,
          passwordHash,
          input.role,
          input.name.trim(),
          orgId,
          now,
          input.locale ?? 'fr',
        ]);
        await options.afterInsert?.(tx, { id, email, name: input.name.trim(), locale: input.locale ?? 'fr' });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'users_email_key')) throw conflict('EMAIL_TAKEN', 'An account with this email already exists.');
      throw err;
    }
    this.deps.logger.info({ userId: id, role: input.role }, 'user created');
    return this.getUser(id);
  }

  async getUser(id: string): Promise<UserView> {
    const user = await this.findUserView(id);
    if (!user) throw notFound('USER_NOT_FOUND', 'No such user.');
    return user;
  }

  /** The user, or undefined (also for an id that is no UUID). */
  async findUserView(id: string, db: SqlExecutor = this.deps.db): Promise<UserView | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.findUser('u.id = $1', id, db);
    return row && toView(row);
  }

  /** Users of a role, oldest first. */
  async usersOfRole(role: Role, limit: number): Promise<UserView[]> {
    const { rows } = await this.deps.db.query<UserRow>(`${USER_SELECT} WHERE u.role = $1 ORDER BY u.created_at, u.id LIMIT $2`, [role, limit]);
    return rows.map(toView);
  }

  /** Changes what the user may change about themselves. */
  async updateProfile(id: string, changes: { locale?: 'fr' | 'en' | undefined; name?: string | undefined }): Promise<UserView> {
    if (changes.locale) await this.deps.db.query('UPDATE users SET locale = $2 WHERE id = $1', [id, changes.locale]);
    if (changes.name) await this.deps.db.query('UPDATE users SET name = $2 WHERE id = $1', [id, changes.name.trim()]);
    return this.getUser(id);
  }

  /** Sets a new password (operators' `user set-password`); signs out every session of the account. */
  async setPassword(emailInput: string, password: string): Promise<void> {
    const row = await this.findUser('u.email = $1', normaliseEmail(emailInput));
    if (!row) throw notFound('USER_NOT_FOUND', 'No account has this email.');
    await this.deps.db.transaction(async (tx) => {
      await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [row.id, await hashPassword(password)]);
      const { rows } = await tx.query<{ family_id: string }>(
        'UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id',
        [row.id, this.deps.clock.now()],
      );
      this.deps.revoked?.note(rows.map((r) => r.family_id));
    });
  }

  /**
   * Creates the admin named in configuration when no account has its email. When it exists
   * with another password, says so (the operator decides, with `novaevo user set-password`).
   */
  async ensureAdmin(email: string, password: string): Promise<'created' | 'exists' | 'exists-password-differs'> {
    const existing = await this.findUser('u.email = $1', normaliseEmail(email));
    if (existing) return (await verifyPassword(existing.password_hash, password)) ? 'exists' : 'exists-password-differs';
    try {
      await this.createUser({ email, password, role: 'admin', name: 'Administrator' });
      return 'created';
    } catch (err) {
      if ((err as { code?: string }).code === 'EMAIL_TAKEN') return 'exists';
      throw err;
    }
  }

  /** Password login. 401 LOGIN_FAILED (same answer for unknown email and wrong password), 429 LOGIN_LOCKED. */
  async login(emailInput: string, password: string, address: string): Promise<TokenSet> {
    const email = normaliseEmail(emailInput);
    await this.#throttle.assertNotLocked(email, address);
    const row = await this.findUser('u.email = $1', email);
    const ok = await verifyPassword(row?.password_hash, password);
    if (!row || !ok) {
      await this.#throttle.recordFailure(email, address);
      this.deps.logger.warn({ event: 'login_failed' }, 'login failed');
      throw unauthorized('LOGIN_FAILED', 'The email or the password is wrong.');
    }
    await this.#throttle.recordSuccess(email, address);
    return this.issueTokens(this.deps.db, row, newId());
  }

  /**
   * Exchanges a refresh token for a new pair (rotation). Presenting a token that was already
   * used revokes its whole family: a stolen token stops working for thief and owner alike.
   */
  async refresh(refreshToken: string): Promise<TokenSet> {
    const now = this.deps.clock.now();
    return this.deps.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string; user_id: string; family_id: string; expires_at: Date; used_at: Date | null; revoked_at: Date | null }>(
        'SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
        [sha256(refreshToken)],
      );
      const token = rows[0];
      if (!token || token.revoked_at || token.expires_at <= now) throw unauthorized('REFRESH_TOKEN_INVALID', 'The refresh token is not valid.');
      if (token.used_at) {
        await tx.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL', [token.family_id, now]);
        this.deps.revoked?.note([token.family_id]);
        this.deps.logger.warn({ userId: token.user_id, event: 'refresh_token_reuse' }, 'refresh token reused; family revoked');
        return null;
      }
      await tx.query('UPDATE refresh_tokens SET used_at = $2 WHERE id = $1', [token.id, now]);
      const user = await this.findUser('u.id = $1', token.user_id, tx);
      if (!user) throw unauthorized('REFRESH_TOKEN_INVALID', 'The refresh token is not valid.');
      return this.issueTokens(tx, user, token.family_id);
    }).then((set) => {
      // Thrown outside the transaction so that the family revocation commits.
      if (!set) throw unauthorized('REFRESH_TOKEN_REUSED', 'This refresh token was already used; sign in again.');
      return set;
    });
  }

  /** Revokes a refresh token's family (sign-out), and with it that session's access tokens. Unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    const { rows } = await this.deps.db.query<{ family_id: string }>(
      `UPDATE refresh_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND family_id =
        (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) RETURNING family_id`,
      [sha256(refreshToken), this.deps.clock.now()],
    );
    this.deps.revoked?.note(rows.map((r) => r.family_id));
  }

  /** Deletes refresh tokens past their expiry and login-throttle rows that lock nothing (housekeeping). */
  async purgeExpired(now: Date): Promise<number> {
    const tokens = await this.deps.db.query('DELETE FROM refresh_tokens WHERE expires_at < $1', [now]);
    return tokens.rowCount + (await this.#throttle.purge(now));
  }

  private async issueTokens(db: SqlExecutor, user: UserRow, familyId: string): Promise<TokenSet> {
    const now = this.deps.clock.now();
    const refresh = randomBytes(32).toString('base64url');
    await db.query(
      'INSERT INTO refresh_tokens (id, token_hash, user_id, family_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [newId(), sha256(refresh), user.id, familyId, new Date(now.getTime() + this.deps.refreshTtlSeconds * 1000), now],
    );
    const access = await this.deps.issuer.sign(
      { userId: user.id, role: user.role, orgId: user.org_id ?? undefined, email: user.email, sessionId: familyId },
      this.deps.accessTtlSeconds,
    );
    return { access_token: access, token_type: 'Bearer', expires_in: this.deps.accessTtlSeconds, refresh_token: refresh };
  }

  /** The account with this (normalised) email, or undefined. */
  async findByEmail(email: string): Promise<UserView | undefined> {
    const row = await this.findUser('u.email = $1', normaliseEmail(email));
    return row && toView(row);
  }

  private async findUser(where: string, value: string, db: SqlExecutor = this.deps.db): Promise<UserRow | undefined> {
    const { rows } = await db.query<UserRow>(`${USER_SELECT} WHERE ${where}`, [value]);
    return rows[0];
  }
}
