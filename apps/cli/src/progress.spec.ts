import { ProgressBar, renderProgress, stderrProgress } from './progress';

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

describe('renderProgress', () => {
  it('fills the bar in proportion and shows counts, percent and elapsed seconds', () => {
    expect(renderProgress(0, 200, 0, 'commands')).toBe(`[${'.'.repeat(30)}]  0/200 commands  0%  0s`);
    expect(renderProgress(50, 200, 4_400, 'commands')).toBe(
      `[${'#'.repeat(8)}${'.'.repeat(22)}]  50/200 commands  25%  4s`,
    );
    expect(renderProgress(200, 200, 12_000, 'commands')).toBe(
      `[${'#'.repeat(30)}]  200/200 commands  100%  12s`,
    );
  });

  it('treats an empty job as done', () => {
    expect(renderProgress(0, 0, 0, 'commands')).toContain('100%');
  });
});

describe('ProgressBar', () => {
  const terminal = (columns?: number) => {
    const written: string[] = [];
    return { written, write: (text: string) => written.push(text), columns };
  };

  it('redraws one line in place, and only when it changes', () => {
    const out = terminal(120);
    let now = 0;
    const bar = new ProgressBar(out, 'commands', () => now);
    bar.update(1, 4);
    bar.update(1, 4);
    now = 2_000;
    bar.update(4, 4);
    bar.finish();
    expect(out.written).toEqual([
      `\r${renderProgress(1, 4, 0, 'commands')}\x1b[K`,
      `\r${renderProgress(4, 4, 2_000, 'commands')}\x1b[K`,
      '\n',
    ]);
  });

  it('fits the line to the terminal width', () => {
    const out = terminal(20);
    new ProgressBar(out, 'commands', () => 0).update(1, 2);
    expect(out.written[0]).toBe(`\r${renderProgress(1, 2, 0, 'commands').slice(0, 19)}\x1b[K`);
  });

  it('prints a message above the bar and draws the bar again', () => {
    const out = terminal(120);
    const bar = new ProgressBar(out, 'commands', () => 0);
    bar.update(1, 2);
    bar.interrupt('sequencer: leading');
    expect(out.written.slice(1)).toEqual([
      '\r\x1b[Ksequencer: leading\n',
      renderProgress(1, 2, 0, 'commands'),
    ]);
  });
});
