import { ProgressBar, renderProgress } from './progress-bar';

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
