import { uuidv7 } from 'uuidv7';

/** New time-ordered identifier (UUIDv7): sortable, so it doubles as a pagination key. */
export function newId(): string {
  return uuidv7();
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` has the shape of a UUID (any version). */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
