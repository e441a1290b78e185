/** Where progress is drawn: stderr, and only when a person watches it (a TTY), never into a pipe or a log. */
export interface ProgressSink {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 30;
const EVERY_MS = 100;

/** A one-line progress bar on stderr, redrawn at most ten times a second; silent when stderr is not a TTY. */
export class ProgressBar {
  private lastDrawn = 0;
  private drawn = false;

  constructor(
    private readonly label: string,
    /** 0 when only the work itself learns it: pass it to update(). */
    private total: number,
    private readonly sink: ProgressSink = process.stderr,
    private readonly now: () => number = Date.now,
  ) {}

  update(done: number, total: number = this.total): void {
    this.total = total;
    if (this.sink.isTTY !== true || total <= 0) return;
    this.drawn = true;
    const time = this.now();
    if (time - this.lastDrawn < EVERY_MS && done < this.total) return;
    this.lastDrawn = time;
    const share = Math.min(1, done / this.total);
    const filled = Math.round(share * WIDTH);
    this.sink.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.floor(share * 100)}% ${done}/${this.total}`,
    );
  }

  /** Clears the bar so that the next line of stderr starts clean. */
  done(): void {
    if (this.drawn) this.sink.write('\r\x1b[K');
  }
}
