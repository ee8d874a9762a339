import { parse } from 'csv-parse/sync';
import { parseDecimalCents } from './commission.ts';
import type { ConversionStatus } from './schemas.ts';

/** One line of a partner's statement. */
export interface StatementLine {
  orderId: string;
  amount: number;
  status: ConversionStatus;
}

const STATUS_WORDS: Record<string, ConversionStatus> = {
  pending: 'pending',
  open: 'pending',
  approved: 'approved',
  confirmed: 'approved',
  validated: 'approved',
  paid: 'approved',
  reversed: 'reversed',
  declined: 'reversed',
  rejected: 'reversed',
  cancelled: 'reversed',
  canceled: 'reversed',
};

const COLUMN_NAMES: Record<string, keyof StatementLine> = { orderid: 'orderId', order_id: 'orderId', 'order id': 'orderId', amount: 'amount', status: 'status' };

export const MAX_STATEMENT_LINES = 100_000;

/** What is wrong with a statement line: a stable `code` (the web app words it), the line number, and English detail. */
export interface StatementError {
  line: number;
  code: 'CSV_INVALID' | 'HEADER_INVALID' | 'TOO_MANY_LINES' | 'ORDER_ID_INVALID' | 'ORDER_REPEATED' | 'AMOUNT_INVALID' | 'STATUS_INVALID' | 'NOT_UTF8';
  message: string;
}

/**
 * A statement CSV (`orderId,amount,status`; comma or semicolon; amounts in currency units with
 * up to two decimals, `12.34` or `12,34`; network status words such as `declined` mapped to
 * ours) as lines, or the problems with their line numbers. Never throws on bad input.
 */
export function parseStatementCsv(text: string): { ok: true; lines: StatementLine[] } | { ok: false; errors: StatementError[] } {
  let records: string[][];
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  try {
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: true, max_record_size: 10_000 }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { ok: false, errors: [{ line, code: 'CSV_INVALID', message: `not a valid CSV: ${(err as Error).message.slice(0, 200)}` }] };
  }
  const [header, ...body] = records;
  const columns = (header ?? []).map((h) => COLUMN_NAMES[h.toLowerCase()]);
  const at = (name: keyof StatementLine) => columns.indexOf(name);
  const missing = (['orderId', 'amount', 'status'] as const).filter((c) => at(c) === -1);
  if (missing.length > 0) return { ok: false, errors: [{ line: 1, code: 'HEADER_INVALID', message: `the header must name the columns orderId, amount and status (missing: ${missing.join(', ')})` }] };
  if (body.length > MAX_STATEMENT_LINES) return { ok: false, errors: [{ line: MAX_STATEMENT_LINES + 2, code: 'TOO_MANY_LINES', message: `at most ${MAX_STATEMENT_LINES} lines per statement` }] };

  const errors: StatementError[] = [];
  const lines: StatementLine[] = [];
  const seen = new Set<string>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const orderId = (cells[at('orderId')] ?? '').normalize('NFC');
    const amount = parseDecimalCents(cells[at('amount')] ?? '');
    const status = STATUS_WORDS[(cells[at('status')] ?? '').toLowerCase()];
    if (orderId === '' || orderId.length > 120 || !orderId.isWellFormed()) errors.push({ line, code: 'ORDER_ID_INVALID', message: 'orderId must be 1 to 120 characters' });
    else if (seen.has(orderId)) errors.push({ line, code: 'ORDER_REPEATED', message: `order ${orderId} appears twice` });
    if (amount === undefined) errors.push({ line, code: 'AMOUNT_INVALID', message: 'amount must be a number such as 12.34' });
    if (status === undefined) errors.push({ line, code: 'STATUS_INVALID', message: 'status must be pending, approved or reversed (or a network word for them)' });
    seen.add(orderId);
    if (amount !== undefined && status !== undefined && errors.length === 0) lines.push({ orderId, amount, status });
  });
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, 100) } : { ok: true, lines };
}
