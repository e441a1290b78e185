export type ExpectedVersion = number | 'any' | 'no_stream' | 'stream_exists';

/** How annals_append receives an expectation: n >= 0 exact, -1 any, -2 no stream, -3 stream exists. */
export function encodeExpectedVersion(expected: ExpectedVersion): number {
  switch (expected) {
    case 'any':
      return -1;
    case 'no_stream':
      return -2;
    case 'stream_exists':
      return -3;
    default:
      return expected;
  }
}

export function decodeExpectedVersion(encoded: number): ExpectedVersion {
  if (encoded >= 0) return encoded;
  return encoded === -1 ? 'any' : encoded === -2 ? 'no_stream' : 'stream_exists';
}

/** Parses what a caller wrote (an If-Match value, a JSON field): a version number or one of the names. */
export function parseExpectedVersion(raw: string): ExpectedVersion | undefined {
  const value = raw
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  if (value === 'any' || value === 'no_stream' || value === 'stream_exists') return value;
  if (/^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}
