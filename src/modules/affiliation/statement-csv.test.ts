import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcile, type OurConversion } from './reconcile.ts';
import { parseStatementCsv, type StatementLine } from './statement-csv.ts';

const orderId = fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/);
const line = fc.record({ orderId, amount: fc.integer({ min: -100_000_000, max: 100_000_000 }), status: fc.constantFrom('pending' as const, 'approved' as const, 'reversed' as const) });
const lines = fc.uniqueArray(line, { selector: (l) => l.orderId, maxLength: 30 });

const decimal = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

describe('statement CSV', () => {
  it('reads back every statement it is given, with either delimiter and with quoting', () => {
    fc.assert(
      fc.property(lines, fc.constantFrom(',', ';'), fc.boolean(), (ls, sep, quoted) => {
        const q = (s: string) => (quoted ? quote(s) : s);
        const csv = [['orderId', 'amount', 'status'].join(sep), ...ls.map((l) => [q(l.orderId), q(sep === ';' ? decimal(l.amount).replace('.', ',') : decimal(l.amount)), l.status].join(sep))].join('\r\n');
        expect(parseStatementCsv(csv)).toEqual({ ok: true, lines: ls });
      }),
    );
  });

  it('never throws on arbitrary text: lines, or problems with line numbers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = parseStatementCsv(`orderId,amount,status\n${text}`);
        if (!r.ok) for (const e of r.errors) expect(e.line).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('names the bad lines: amounts, statuses, repeated orders, missing columns', () => {
    expect(parseStatementCsv('orderId,amount,status\nA,1.234,approved\nB,1,maybe\nA,1,approved\n')).toEqual({
      ok: false,
      errors: [
        { line: 2, code: 'AMOUNT_INVALID', message: 'amount must be a number such as 12.34' },
        { line: 3, code: 'STATUS_INVALID', message: 'status must be pending, approved or reversed (or a network word for them)' },
        { line: 4, code: 'ORDER_REPEATED', message: 'order A appears twice' },
      ],
    });
    expect(parseStatementCsv('order,amount\nA,1\n')).toMatchObject({ ok: false, errors: [{ line: 1, code: 'HEADER_INVALID' }] });
    expect(parseStatementCsv('\uFEFFOrderId,Amount,Status\nA,"1,5",Declined\n')).toEqual({ ok: true, lines: [{ orderId: 'A', amount: 150, status: 'reversed' }] });
  });
});

describe('reconciliation', () => {
  it('puts every order of either side in exactly one list', () => {
    fc.assert(
      fc.property(lines, lines, (theirs: StatementLine[], mine) => {
        const ours: OurConversion[] = mine.map((m) => ({ ...m, commission: 0, attributed: false }));
        const r = reconcile(theirs, ours);
        const ids = [...r.matched, ...r.mismatched, ...r.missingOurs, ...r.missingTheirs].map((x) => x.orderId).sort();
        expect(ids).toEqual([...new Set([...theirs, ...ours].map((x) => x.orderId))].sort());
        for (const m of r.mismatched) expect(m.fields.length).toBeGreaterThan(0);
        for (const m of r.matched) expect(theirs.find((t) => t.orderId === m.orderId)).toMatchObject({ amount: m.amount, status: m.status });
      }),
    );
  });
});
