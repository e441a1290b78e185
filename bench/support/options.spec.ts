import { countOption, countsOption } from './options';

describe('countOption', () => {
  it('reads the value after the flag, with _ as a digit separator', () => {
    expect(countOption(['--events', '1_000_000'], 'events', 5)).toBe(1_000_000);
  });

  it('falls back when the flag is absent', () => {
    expect(countOption(['--other', '3'], 'events', 5)).toBe(5);
  });

  it.each([['0'], ['-3'], ['1.5'], ['many']])('refuses %s, naming the flag', (value) => {
    expect(() => countOption(['--events', value], 'events', 5)).toThrow(
      `--events takes a whole number >= 1, not '${value}'`,
    );
  });

  it('refuses a flag without a value', () => {
    expect(() => countOption(['--events', '--seconds', '3'], 'events', 5)).toThrow('--events needs a value');
  });
});

describe('countsOption', () => {
  it('reads a comma-separated list', () => {
    expect(countsOption(['--batch-sizes', '500, 2000,5000'], 'batch-sizes', [1])).toEqual([500, 2000, 5000]);
  });

  it('falls back to a copy of the default', () => {
    const fallback = [500];
    const read = countsOption([], 'batch-sizes', fallback);
    expect(read).toEqual([500]);
    expect(read).not.toBe(fallback);
  });
});
