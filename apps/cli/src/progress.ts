/** Where a progress bar draws: a terminal (process.stderr when it is a TTY). */
export interface ProgressTerminal {
  write(text: string): void;
  readonly columns?: number;
}

const BAR_WIDTH = 30;

/** One line: `[#########.....................]  1200/3977 commands  30%  4s`. */
export function renderProgress(done: number, total: number, elapsedMs: number, unit: string): string {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  return `${bar}  ${done}/${total} ${unit}  ${Math.floor(ratio * 100)}%  ${Math.round(elapsedMs / 1000)}s`;
}

/**
 * Redraws one line in place with a carriage return; only for terminals (a log file or a pipe would get
 * a line per update, so callers draw none there).
 */
export class ProgressBar {
  private readonly started: number;
  private drawn = '';

  constructor(
    private readonly terminal: ProgressTerminal,
    private readonly unit: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.started = clock();
  }

  update(done: number, total: number): void {
    const line = renderProgress(done, total, this.clock() - this.started, this.unit).slice(
      0,
      (this.terminal.columns ?? 80) - 1,
    );
    if (line === this.drawn) return;
    this.terminal.write(`\r${line}\x1b[K`);
    this.drawn = line;
  }

  /** Prints a whole line above the bar (a log message), then draws the bar again. */
  interrupt(message: string): void {
    this.terminal.write(`\r\x1b[K${message}\n`);
    if (this.drawn) this.terminal.write(this.drawn);
  }

  /** Leaves the last state on its own line. */
  finish(): void {
    if (this.drawn) this.terminal.write('\n');
    this.drawn = '';
  }
}

/** Where progress is drawn: stderr, and only when a person watches it (a TTY), never into a pipe or a log. */
export interface ProgressSink extends ProgressTerminal {
  readonly isTTY?: boolean;
}

/** Redraws per run: enough to look live, few enough that a million-event export does not flood the terminal. */
const STEPS = 200;

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const SILENT: Progress = { update: () => undefined, finish: () => undefined };

/**
 * The shared ProgressBar on stderr for long work (export, verification), drawn only on a TTY and only
 * when the work has moved on by a step (1/200 of the total) since the last drawing.
 */
export function stderrProgress(unit: string, sink: ProgressSink = process.stderr): Progress {
  if (sink.isTTY !== true) return SILENT;
  const bar = new ProgressBar(sink, unit);
  let next = 0;
  return {
    update(done, total) {
      if (done < next && done < total) return;
      next = done + Math.max(1, Math.floor(total / STEPS));
      bar.update(done, total);
    },
    finish: () => bar.finish(),
  };
}
