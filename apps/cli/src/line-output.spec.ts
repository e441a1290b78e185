import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { writeLines, writeLinesToFile } from './line-output';

describe('writeLines', () => {
  it('pulls the next line only once a slow stream has drained', async () => {
    let produced = 0;
    let consumed = 0;
    let mostAhead = 0;
    async function* lines() {
      for (let i = 0; i < 50; i++) {
        produced += 1;
        mostAhead = Math.max(mostAhead, produced - consumed);
        yield `line ${i}\n`;
      }
    }
    const slow = new Writable({
      highWaterMark: 1,
      write(_chunk, _encoding, done) {
        setTimeout(() => {
          consumed += 1;
          done();
        }, 1);
      },
    });
    await writeLines(slow, lines());
    expect(produced).toBe(50);
    expect(mostAhead).toBeLessThanOrEqual(2);
  });
});

describe('writeLinesToFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'annals-line-output-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every line and leaves no partial file', async () => {
    const path = join(dir, 'out.ndjson');
    async function* lines() {
      yield 'a\n';
      yield 'b\n';
    }
    await writeLinesToFile(path, lines());
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('on a failure midway leaves the earlier file untouched and no partial file', async () => {
    const path = join(dir, 'out.ndjson');
    writeFileSync(path, 'earlier\n');
    async function* failing() {
      yield 'a\n';
      throw new Error('database gone');
    }
    await expect(writeLinesToFile(path, failing())).rejects.toThrow('database gone');
    expect(readFileSync(path, 'utf8')).toBe('earlier\n');
    expect(existsSync(`${path}.partial`)).toBe(false);
  });
});
