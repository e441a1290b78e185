import { stderrProgress } from './progress';

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, columns: 120, write: (text: string) => void written.push(text) };
}

describe('stderrProgress', () => {
  it('draws nothing when stderr is not a TTY (a pipe, a log)', () => {
    const stderr = sink(false);
    const progress = stderrProgress('events', stderr);
    progress.update(5, 10);
    progress.finish();
    expect(stderr.written).toEqual([]);
  });

  it('draws once per 1/200 of the work, always the last step, then ends the line', () => {
    const stderr = sink(true);
    const progress = stderrProgress('events', stderr);
    for (let done = 1; done <= 1000; done++) progress.update(done, 1000);
    progress.finish();
    const drawings = stderr.written.filter((text) => text.startsWith('\r'));
    expect(drawings).toHaveLength(201); // at 1, 6, ..., 996, and the last
    expect(drawings[drawings.length - 1]).toMatch(/^\r\[#{30}\] {2}1000\/1000 events {2}100%/);
    expect(stderr.written[stderr.written.length - 1]).toBe('\n');
  });
});
