import { decodeExpectedVersion, encodeExpectedVersion, parseExpectedVersion } from './expected-version';

describe('expected versions', () => {
  it.each([0, 7, 'any', 'no_stream', 'stream_exists'] as const)(
    'round-trips %p through the SQL encoding',
    (v) => {
      expect(decodeExpectedVersion(encodeExpectedVersion(v))).toBe(v);
    },
  );

  it.each([
    ['3', 3],
    ['"3"', 3],
    ['W/"12"', 12],
    ['no_stream', 'no_stream'],
    ['"any"', 'any'],
  ])('parses the header value %s', (raw, expected) => {
    expect(parseExpectedVersion(raw)).toBe(expected);
  });

  it.each(['', '-1', 'abc', '1.5', '9999999999999999'])('refuses %p', (raw) => {
    expect(parseExpectedVersion(raw)).toBeUndefined();
  });
});
