import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderedAcks, type AckOutcome } from './mqtt-acks.ts';

describe('OrderedAcks', () => {
  it('sends the PUBACK of every handled message once, in arrival order, never before the messages ahead of it are settled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<AckOutcome>('handled', 'failed'), { minLength: 1, maxLength: 60 }).chain((outcomes) =>
          fc.tuple(fc.constant(outcomes), fc.shuffledSubarray([...outcomes.keys()], { minLength: outcomes.length, maxLength: outcomes.length })),
        ),
        ([outcomes, settleOrder]) => {
          const sent: number[] = [];
          const acks = new OrderedAcks((id) => sent.push(id));
          const settle = outcomes.map((_, i) => acks.expect(i + 1));
          const settled = new Set<number>();
          for (const i of settleOrder) {
            settle[i]!(outcomes[i]!);
            settle[i]!('handled'); // a second call changes nothing
            settled.add(i);
            // Everything sent so far is a prefix of arrivals, all settled.
            let prefix = 0;
            while (settled.has(prefix)) prefix++;
            const expected = outcomes.slice(0, prefix).flatMap((o, j) => (o === 'handled' ? [j + 1] : []));
            expect(sent).toEqual(expected);
          }
          expect(acks.pending).toBe(0);
        },
      ),
    );
  });

  it('keeps its order over many messages (compaction)', () => {
    const sent: number[] = [];
    const acks = new OrderedAcks((id) => sent.push(id));
    const settle = Array.from({ length: 5000 }, (_, i) => acks.expect(i % 65_535));
    for (let i = settle.length - 1; i >= 1; i--) settle[i]!('handled');
    expect(sent).toEqual([]);
    settle[0]!('handled');
    expect(sent).toEqual(Array.from({ length: 5000 }, (_, i) => i % 65_535));
    const later = acks.expect(7);
    later('handled');
    expect(sent.at(-1)).toBe(7);
  });
});
