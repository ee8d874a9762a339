import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditEntry, GENESIS_HASH, nextAuditEntry, verifyAuditChain } from './audit-chain.ts';

function log(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i++) {
    entries.push(nextAuditEntry(entries.at(-1), {
      at: new Date(Date.UTC(2026, 2, 1, 10, 0, i)),
      actor: i % 2 === 0 ? 'pro:01J0000000000000000000000A' : 'agent:job-1',
      action: ['job.created', 'job.precheck', 'job.backup', 'job.flashing'][i % 4]!,
      data: { jobId: 'job-1', step: i, sha256: 'ab'.repeat(32) },
    }));
  }
  return entries;
}

describe('audit chain', () => {
  it('chains each entry to the one before from the genesis hash', () => {
    const entries = log(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[0]!.at).toBe('2026-03-01T10:00:00.000Z');
    expect(verifyAuditChain(entries)).toEqual({ ok: true, count: 3, headHash: entries[2]!.hash });
    expect(verifyAuditChain([])).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it('verifies a later page from the entry it continues', () => {
    const entries = log(6);
    expect(verifyAuditChain(entries.slice(3), { after: entries[2]! })).toMatchObject({ ok: true, count: 3 });
    expect(verifyAuditChain(entries.slice(3))).toMatchObject({ ok: false, brokenAt: 4, reason: 'SEQUENCE_GAP' });
  });

  it('finds the first broken link whatever is edited, removed, reordered or re-hashed', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), fc.integer({ min: 0, max: 3 }), (length, at, kind) => {
      const entries = log(length);
      const i = at % length;
      const victim = entries[i]!;
      let expected: { brokenAt: number; reason: string };
      if (kind === 0) {
        entries[i] = { ...victim, data: { ...victim.data, sha256: 'cd'.repeat(32) } };
        expected = { brokenAt: victim.seq, reason: 'HASH_MISMATCH' };
      } else if (kind === 1) {
        // An edit whose own hash is recomputed breaks the next link, or at the head the checkpoint.
        const head = entries.at(-1)!.hash;
        entries[i] = nextAuditEntry(entries[i - 1], { at: new Date(victim.at), actor: 'intruder', action: victim.action, data: victim.data });
        if (i === length - 1) {
          expect(verifyAuditChain(entries, { head })).toMatchObject({ ok: false, brokenAt: victim.seq, reason: 'HEAD_MISMATCH' });
          return true;
        }
        expected = { brokenAt: victim.seq + 1, reason: 'PREVIOUS_HASH_MISMATCH' };
      } else if (kind === 2) {
        const head = entries.at(-1)!.hash;
        entries.splice(i, 1);
        if (i === length - 1) {
          expect(verifyAuditChain(entries, { head })).toMatchObject({ ok: false, reason: 'HEAD_MISMATCH' });
          return true;
        }
        expected = { brokenAt: victim.seq + 1, reason: 'SEQUENCE_GAP' };
      } else {
        const j = (i + 1) % length;
        [entries[i], entries[j]] = [entries[j]!, entries[i]!];
        expected = { brokenAt: entries[Math.min(i, j)]!.seq, reason: 'SEQUENCE_GAP' };
      }
      expect(verifyAuditChain(entries)).toMatchObject({ ok: false, ...expected });
      return true;
    }));
  });
});
