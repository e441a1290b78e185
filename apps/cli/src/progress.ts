import { ProgressBar, ProgressTerminal } from './demo/progress-bar';

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
