import { describe, expect, it } from 'vitest';
import { actorOf, nextStatus } from './transitions.ts';

describe('appointment transitions', () => {
  it('lets the professional confirm a request and complete a confirmed job', () => {
    expect(nextStatus('requested', 'confirm')).toEqual({ ok: true, value: 'confirmed' });
    expect(nextStatus('confirmed', 'complete')).toEqual({ ok: true, value: 'completed' });
    expect(actorOf('confirm')).toBe('pro');
  });

  it('lets the owner accept a proposal and keeps the state on a reschedule', () => {
    expect(nextStatus('proposed', 'accept')).toEqual({ ok: true, value: 'confirmed' });
    expect(nextStatus('confirmed', 'reschedule')).toEqual({ ok: true, value: 'confirmed' });
    expect(actorOf('reschedule')).toBe('owner');
  });

  it('refuses actions from a state they do not apply to, with a stable code', () => {
    const refused = nextStatus('cancelled', 'confirm');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect([refused.error.status, refused.error.code]).toEqual([409, 'APPOINTMENT_STATE']);
    expect(nextStatus('requested', 'complete').ok).toBe(false);
    expect(nextStatus('completed', 'cancel').ok).toBe(false);
  });
});
