import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { openMigratedPglite, type TestDatabase } from '../../../test/support/databases.ts';
import { identityMigrations } from './migrations.ts';
import { RevokedSessions } from './revoked-sessions.ts';

describe('RevokedSessions', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  beforeEach(async () => {
    t = await openMigratedPglite(identityMigrations);
    await t.db.query(`INSERT INTO users (id, email, password_hash, role, name, created_at) VALUES ('00000000-0000-7000-8000-000000000001', 'a@b.fr', 'h', 'owner', 'A', now())`);
  });
  afterEach(() => t.dispose());

  const revokeInSql = (family: string, at: Date) =>
    t.db.query(
      `INSERT INTO refresh_tokens (id, token_hash, user_id, family_id, expires_at, created_at, revoked_at)
       VALUES (gen_random_uuid(), $1, '00000000-0000-7000-8000-000000000001', $2, $3, $3, $3)`,
      [`hash-${family}`, family, at],
    );

  it("sees another process's revocation after its reload interval, and forgets revocations older than an access token's life", async () => {
    const elsewhere = new RevokedSessions(t.db, clock, 900, 30);
    expect(await elsewhere.isRevoked('00000000-0000-7000-8000-0000000000aa')).toBe(false);
    await revokeInSql('00000000-0000-7000-8000-0000000000aa', clock.now());
    await revokeInSql('00000000-0000-7000-8000-0000000000bb', new Date(clock.now().getTime() - 3600_000));
    await new Promise((r) => setTimeout(r, 40));
    expect(await elsewhere.isRevoked('00000000-0000-7000-8000-0000000000aa')).toBe(true);
    expect(await elsewhere.isRevoked('00000000-0000-7000-8000-0000000000bb')).toBe(false);
  });

  it('counts a revocation made in this process at once', async () => {
    const here = new RevokedSessions(t.db, clock, 900, 60_000);
    expect(await here.isRevoked('s1')).toBe(false);
    here.note(['s1']);
    expect(await here.isRevoked('s1')).toBe(true);
  });
});
