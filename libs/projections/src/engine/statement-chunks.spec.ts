import { statementChunks } from './statement-chunks';

describe('statementChunks', () => {
  const rows = (count: number, columns: number) =>
    Array.from({ length: count }, (_, i) =>
      Object.fromEntries(Array.from({ length: columns }, (_, c) => [`c${c}`, i])),
    );

  it('keeps every statement within the parameter limit, rows in order, none lost', () => {
    // 15 columns x 5000 rows = 75,000 parameters: over 65,535, so two statements.
    const chunks = statementChunks(rows(5000, 15));
    expect(chunks.map((chunk) => chunk.length)).toEqual([4369, 631]);
    expect(chunks.every((chunk) => chunk.length * 15 <= 65_535)).toBe(true);
    expect(chunks.flat().map((row) => row.c0)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('sizes by the widest row and answers nothing for nothing', () => {
    expect(statementChunks([{ a: 1 }, { a: 1, b: 2, c: 3 }], 4).map((chunk) => chunk.length)).toEqual([1, 1]);
    expect(statementChunks([])).toEqual([]);
  });
});
