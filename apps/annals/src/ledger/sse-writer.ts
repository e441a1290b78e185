import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface SseWriterOptions {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  readonly heartbeatMs: number;
  /** A reader that takes nothing for this long is dropped rather than buffered for. */
  readonly drainTimeoutMs: number;
}

/** The reader did not take what was written within drainTimeoutMs. */
export class SlowReaderError extends Error {
  constructor(waitedMs: number) {
    super(`The reader took nothing for ${waitedMs} ms`);
    this.name = 'SlowReaderError';
  }
}

/** One server-sent event; `data` must be one line (JSON.stringify output is). */
export const sseEvent = (id: string, type: string, data: string): string =>
  `id: ${id}\nevent: ${type}\ndata: ${data}\n\n`;

export const SSE_HEARTBEAT = ': heartbeat\n\n';

/**
 * Writes server-sent events with backpressure: `event()` resolves only once the socket can take
 * more, so at most one socket buffer (the stream's high-water mark plus one event) is held per
 * reader, however slow it is.
 */
export class SseWriter {
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly out: Writable,
    private readonly options: SseWriterOptions,
  ) {
    // A full buffer already tells the reader the stream is alive: no heartbeat piles up behind it.
    this.heartbeat = setInterval(() => {
      if (!out.writableNeedDrain && !out.writableEnded) out.write(SSE_HEARTBEAT);
    }, options.heartbeatMs);
    this.heartbeat.unref();
  }

  async event(id: string, type: string, data: string, signal?: AbortSignal): Promise<void> {
    if (this.out.write(sseEvent(id, type, data))) return;
    const timeout = AbortSignal.timeout(this.options.drainTimeoutMs);
    const either = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      await once(this.out, 'drain', { signal: either });
    } catch (error) {
      if (timeout.aborted) throw new SlowReaderError(this.options.drainTimeoutMs);
      if (!signal?.aborted) throw error;
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    if (!this.out.writableEnded) this.out.end();
  }
}
