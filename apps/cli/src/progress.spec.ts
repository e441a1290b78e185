import { ProgressBar } from './progress';

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('ProgressBar', () => {
  it('draws nothing when stderr is not a TTY (a pipe, a log)', () => {
    const stderr = sink(false);
    const bar = new ProgressBar('export', 10, stderr);
    bar.update(5);
    bar.done();
    expect(stderr.written).toEqual([]);
  });

  it('redraws at most every 100 ms, always the last step, and clears the line when done', () => {
    const stderr = sink(true);
    let now = 1000;
    const bar = new ProgressBar('export', 200, stderr, () => now);
    bar.update(50);
    now += 10;
    bar.update(60);
    now += 100;
    bar.update(100);
    bar.update(200);
    bar.done();
    expect(stderr.written).toEqual([
      `\rexport [${'#'.repeat(8)}${'.'.repeat(22)}] 25% 50/200`,
      `\rexport [${'#'.repeat(15)}${'.'.repeat(15)}] 50% 100/200`,
      `\rexport [${'#'.repeat(30)}] 100% 200/200`,
      '\r\x1b[K',
    ]);
  });
});
