/**
 * Canonical JSON: object keys sorted by UTF-16 code units (as RFC 8785 does), no white space,
 * `undefined` members dropped. The bytes hashed into the chains; any reader with the same value
 * recomputes the same bytes, which is what makes offline verification possible.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`Cannot canonicalise a non-finite number: ${value}`);
    }
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`Cannot canonicalise a value of type ${typeof value}`);
    return text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const members = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}
