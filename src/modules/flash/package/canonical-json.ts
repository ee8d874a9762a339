/** A value canonical JSON can hold: what JSON holds, with integers or finite numbers only. */
export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue | undefined };

/**
 * Serialises a value to canonical JSON (RFC 8785 for the values used here): object keys sorted
 * by UTF-16 code units, no whitespace, properties whose value is undefined left out. Signatures
 * and hash chains are computed over these bytes so that two serialisations of the same value
 * always agree. Throws on non-finite numbers, which JSON cannot represent.
 */
export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot hold a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(',')}}`;
}
