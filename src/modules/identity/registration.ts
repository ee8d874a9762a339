import type { Logger } from '../../platform/logger.ts';
import type { SqlDatabase, SqlExecutor } from '../../platform/ports/sql.ts';
import { alreadyRegisteredEmail, verificationEmail, type AccountEmail } from './account-emails.ts';
import type { EmailVerifications } from './email-verifications.ts';
import type { IdentityService, NewAccount, NewUser, UserView } from './identity-service.ts';

export interface RegistrationDeps {
  db: SqlDatabase;
  accounts: IdentityService;
  verifications: EmailVerifications;
  logger: Logger;
  /** Queues an email in the caller's transaction (the notifications port). */
  sendEmail: (tx: SqlExecutor, to: { userId?: string; email: string }, message: AccountEmail) => Promise<void>;
  /** The web app's base URL, for links in emails. */
  appUrl: string;
}

/** Self-registration and the proof of an email address. */
export class Registration {
  constructor(private readonly deps: RegistrationDeps) {}

  /**
   * The answer never tells whether the email already has an account: a new account gets a
   * verification email, an existing one an email saying someone tried (the same password
   * hashing time is spent either way). Several pros may declare one SIREN: each gets its own
   * unverified organisation until KBIS verification settles which is the company's.
   */
  async register(input: NewUser): Promise<void> {
    try {
      await this.deps.accounts.createUser(input, { afterInsert: (tx, account) => this.#sendVerification(tx, account) });
    } catch (err) {
      if ((err as { code?: string }).code !== 'EMAIL_TAKEN') throw err;
      const existing = await this.deps.accounts.findByEmail(input.email);
      if (existing) {
        await this.deps.db.transaction((tx) =>
          this.deps.sendEmail(tx, { userId: existing.id, email: existing.email }, alreadyRegisteredEmail(existing.locale, `${this.deps.appUrl}/`)),
        );
      }
      this.deps.logger.info({ event: 'registration_for_existing_email' }, 'registration with an address that has an account');
    }
  }

  /** Uses an email verification token: 400 `VERIFICATION_TOKEN_INVALID` when unknown, used or expired. */
  async verifyEmail(token: string): Promise<UserView> {
    return this.deps.accounts.getUser(await this.deps.verifications.verify(token));
  }

  /** Sends a new verification email (nothing when the address is already verified). */
  async resendVerification(userId: string): Promise<void> {
    const user = await this.deps.accounts.getUser(userId);
    if (user.emailVerified) return;
    await this.deps.db.transaction((tx) => this.#sendVerification(tx, user));
  }

  async #sendVerification(tx: SqlExecutor, account: NewAccount): Promise<void> {
    const token = await this.deps.verifications.issue(tx, account.id);
    const link = `${this.deps.appUrl}/verify-email?token=${encodeURIComponent(token)}`;
    await this.deps.sendEmail(tx, { userId: account.id, email: account.email }, verificationEmail(account.locale, account.name, link));
  }
}
