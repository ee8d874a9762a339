/** A classic CAN frame: an 11- or 29-bit identifier and up to 8 data bytes. */
export interface CanFrame {
  id: number;
  data: Uint8Array;
}

/**
 * The bus a protocol stack sends frames on and hears frames from. The in-process pair
 * implements it for the virtual ECU; a SocketCAN transport implements the same two methods
 * over a raw CAN socket.
 */
export interface CanTransport {
  /** Puts a frame on the bus. */
  send(frame: CanFrame): void | Promise<void>;
  /** Calls `listener` for every frame heard; the returned function stops listening. */
  onFrame(listener: (frame: CanFrame) => void): () => void;
}

/** Decides whether a frame crossing the in-process bus is delivered (fault injection). */
export type FrameFilter = (frame: CanFrame, from: 'a' | 'b') => boolean;

/**
 * Two ends of an in-process CAN bus: a frame sent on one end is heard on the other, as a
 * microtask (never synchronously, as on a real bus). `setFilter` drops chosen frames to model
 * bus errors.
 */
export function createInProcessCanPair(): { a: CanTransport; b: CanTransport; setFilter(filter: FrameFilter | undefined): void } {
  const listeners = { a: new Set<(frame: CanFrame) => void>(), b: new Set<(frame: CanFrame) => void>() };
  let filter: FrameFilter | undefined;
  const end = (self: 'a' | 'b', other: 'a' | 'b'): CanTransport => ({
    send(frame) {
      if (frame.data.length > 8) throw new RangeError('a classic CAN frame carries at most 8 bytes');
      const copy = { id: frame.id, data: frame.data.slice() };
      queueMicrotask(() => {
        if (filter !== undefined && !filter(copy, self)) return;
        for (const listener of listeners[other]) listener(copy);
      });
    },
    onFrame(listener) {
      listeners[self].add(listener);
      return () => listeners[self].delete(listener);
    },
  });
  return {
    a: end('a', 'b'),
    b: end('b', 'a'),
    setFilter(next) {
      filter = next;
    },
  };
}
