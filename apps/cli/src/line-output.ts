import { once } from 'node:events';
import { createWriteStream, renameSync, unlinkSync } from 'node:fs';
import { finished } from 'node:stream/promises';

/**
 * Writes lines as they come, waiting for 'drain' whenever the stream's buffer is full: a slow reader
 * (a pipe, a disk, a network) slows the producer down instead of filling memory.
 */
export async function writeLines(stream: NodeJS.WritableStream, lines: AsyncIterable<string>): Promise<void> {
  for await (const line of lines) if (!stream.write(line)) await once(stream, 'drain');
}

/**
 * Writes into `<path>.partial` and renames it to `path` once complete: a failed write never leaves a
 * partial file where a whole one is expected, and never clobbers an earlier complete one.
 */
export async function writeLinesToFile(path: string, lines: AsyncIterable<string>): Promise<void> {
  const partial = `${path}.partial`;
  const stream = createWriteStream(partial);
  // Opened before anything is produced, so that a failure can never race the open of the file.
  await once(stream, 'open');
  try {
    await writeLines(stream, lines);
    stream.end();
    await finished(stream);
    renameSync(partial, path);
  } catch (error) {
    stream.destroy();
    await finished(stream).catch(() => undefined);
    try {
      unlinkSync(partial);
    } catch {
      // never created, or already gone
    }
    throw error;
  }
}
