/** PostgreSQL takes at most this many bind parameters in one statement (a 16-bit count). */
export const MAX_BIND_PARAMETERS = 65_535;

/**
 * Splits rows for multi-row INSERTs so that no statement needs more bind parameters than PostgreSQL
 * takes (one per column and row): a large batch of wide rows would otherwise fail whole, every time,
 * and stall its projection at that batch.
 */
export function statementChunks<T extends object>(
  rows: readonly T[],
  maxParameters = MAX_BIND_PARAMETERS,
): T[][] {
  if (rows.length === 0) return [];
  const columns = Math.max(1, ...rows.map((row) => Object.keys(row).length));
  const size = Math.max(1, Math.floor(maxParameters / columns));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
  return chunks;
}

/** Runs `write` once per statement-sized chunk of `rows`, in order. */
export async function inStatementChunks<T extends object>(
  rows: readonly T[],
  write: (chunk: readonly T[]) => Promise<unknown>,
): Promise<void> {
  for (const chunk of statementChunks(rows)) await write(chunk);
}
