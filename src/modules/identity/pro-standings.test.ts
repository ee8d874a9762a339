import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedPglite, type TestDatabase } from '../../../test/support/databases.ts';
import { identityMigrations } from './migrations.ts';
import { Organisations } from './organisations.ts';
import { ProStandings } from './pro-standings.ts';

const ORG = '00000000-0000-7000-8000-0000000000a1';
const USER = '00000000-0000-7000-8000-0000000000b1';

describe('ProStandings', () => {
  let t: TestDatabase;
  let organisations: Organisations;
  beforeEach(async () => {
    t = await openMigratedPglite(identityMigrations);
    organisations = new Organisations(t.db);
    await t.db.query(`INSERT INTO organisations (id, name, siren, created_at) VALUES ($1, 'Garage', '123456789', now())`, [ORG]);
    await t.db.query(`INSERT INTO users (id, email, password_hash, role, name, org_id, created_at, email_verified_at) VALUES ($1, 'p@g.fr', 'h', 'pro', 'P', $2, now(), now())`, [USER, ORG]);
    await organisations.setVerification(ORG, { status: 'verified', source: 'test', at: new Date() });
  });
  afterEach(() => t.dispose());

  const revoke = () => organisations.setVerification(ORG, { status: 'rejected', source: 'test', at: new Date() });

  it('counts a revocation made in this process from the next request', async () => {
    const here = new ProStandings((u, o) => organisations.standing(u, o), undefined, 60_000);
    expect(await here.of(USER, ORG)).toEqual({ verification: 'verified', emailVerified: true });
    await revoke();
    here.forget();
    expect((await here.of(USER, ORG))?.verification).toBe('rejected');
  });

  it("sees another process's revocation once its answer is older than the bound, not before", async () => {
    let now = 0;
    const elsewhere = new ProStandings((u, o) => organisations.standing(u, o), () => now, 2000);
    expect((await elsewhere.of(USER, ORG))?.verification).toBe('verified');
    await revoke();
    now = 1999;
    expect((await elsewhere.of(USER, ORG))?.verification).toBe('verified');
    now = 2000;
    expect((await elsewhere.of(USER, ORG))?.verification).toBe('rejected');
  });

  it('reads storage once per user and organisation within the bound', async () => {
    let reads = 0;
    const standings = new ProStandings(async (u, o) => (reads++, organisations.standing(u, o)), () => 0);
    for (let i = 0; i < 5; i++) expect((await standings.of(USER, ORG))?.emailVerified).toBe(true);
    expect(await standings.of(USER, '00000000-0000-7000-8000-0000000000a2')).toBeUndefined();
    expect(reads).toBe(2);
  });
});
