import type { StatementLine } from './statement-csv.ts';

/** Our side of an order, as reconciliation compares it. */
export interface OurConversion extends StatementLine {
  commission: number;
  attributed: boolean;
}

/** Every order on either side, in exactly one list: the point is 100 % of transactions explained. */
export interface Reconciliation {
  matched: OurConversion[];
  mismatched: { orderId: string; fields: ('amount' | 'status')[]; ours: OurConversion; theirs: StatementLine }[];
  missingOurs: StatementLine[];
  missingTheirs: OurConversion[];
}

/** Compares a partner's statement with our conversions by order id: same amount and status, or the difference named. */
export function reconcile(statement: readonly StatementLine[], ours: readonly OurConversion[]): Reconciliation {
  const byOrder = new Map(ours.map((o) => [o.orderId, o]));
  const result: Reconciliation = { matched: [], mismatched: [], missingOurs: [], missingTheirs: [] };
  const seen = new Set<string>();
  for (const theirs of statement) {
    const mine = byOrder.get(theirs.orderId);
    if (!mine) {
      result.missingOurs.push(theirs);
      continue;
    }
    seen.add(theirs.orderId);
    const fields: ('amount' | 'status')[] = [];
    if (mine.amount !== theirs.amount) fields.push('amount');
    if (mine.status !== theirs.status) fields.push('status');
    if (fields.length === 0) result.matched.push(mine);
    else result.mismatched.push({ orderId: theirs.orderId, fields, ours: mine, theirs });
  }
  for (const o of ours) if (!seen.has(o.orderId)) result.missingTheirs.push(o);
  return result;
}
