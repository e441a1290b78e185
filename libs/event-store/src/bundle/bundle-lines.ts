/** One line of a bundle as read: its text, its exact bytes (for the digest), and whether a newline ended it. */
export interface RawLine {
  readonly text: string;
  readonly bytes: Buffer;
  readonly terminated: boolean;
}

const NEWLINE = 0x0a;

/**
 * Splits a byte stream into lines, holding only the line being read. The bytes are kept as read, not
 * re-encoded, so that the trailer's digest is checked over exactly what the file holds.
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      pending.push(bytes.subarray(start, end));
      const line = pending.length === 1 ? pending[0] : Buffer.concat(pending);
      pending = [];
      start = end + 1;
      yield { text: line.toString('utf8'), bytes: line, terminated: true };
    }
    if (start < bytes.length) pending.push(bytes.subarray(start));
  }
  if (pending.length > 0) {
    const line = Buffer.concat(pending);
    yield { text: line.toString('utf8'), bytes: line, terminated: false };
  }
}
