import { EventEmitter } from 'node:events';
import { Client } from 'pg';

export const LEDGER_CHANNEL = 'annals_ledger';
export const APPENDED_CHANNEL = 'annals_appended';

/**
 * One LISTEN connection per process that wakes waiting readers when the ledger grows.
 * Notifications are only hints: readers always re-read the ledger, and poll when no hint comes
 * (a lost connection, a notification dropped while reconnecting).
 */
export class LedgerNotifier {
  private readonly emitter = new EventEmitter();
  private client: Client | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly channel: string = LEDGER_CHANNEL,
  ) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    this.emitter.emit('notification');
  }

  /** Resolves on the next notification, or after `timeoutMs`, whichever comes first. */
  waitForNotification(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('notification', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.emitter.once('notification', done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'annals-notifier' });
    client.on('notification', () => this.emitter.emit('notification'));
    client.on('error', () => this.scheduleReconnect(client));
    client.on('end', () => this.scheduleReconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
    } catch {
      this.scheduleReconnect(client);
    }
  }

  private scheduleReconnect(client: Client): void {
    if (this.stopped || this.reconnectTimer || (this.client && this.client !== client)) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.connect();
    }, 1000);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** What readers wait on: a notifier when there is one, plain polling otherwise. */
export interface LedgerWaiter {
  waitForNotification(timeoutMs: number, signal?: AbortSignal): Promise<void>;
}

export const pollingWaiter = (pollMs = 50): LedgerWaiter => ({
  waitForNotification: (timeoutMs, signal) => sleep(Math.min(timeoutMs, pollMs), signal),
});
