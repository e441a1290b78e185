import { Client } from 'pg';
import { APPENDED_CHANNEL } from './ledger-notifier';

/**
 * Wakes sequencers after appends commit. The NOTIFY is sent on a connection of its own, outside the
 * writers' transactions (a notifying transaction holds a cluster-wide lock until its commit is flushed,
 * which serialises commits), and a burst of appends sends one NOTIFY in flight at a time plus one after.
 * A lost signal only delays numbering until the sequencer's next poll.
 */
export class AppendSignal {
  private client: Client | undefined;
  private inFlight = false;
  private pending = false;
  private closed = false;

  constructor(private readonly url: string) {}

  signal(): void {
    if (this.closed) return;
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.inFlight = true;
    void this.send();
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async send(): Promise<void> {
    try {
      if (!this.client) {
        const client = new Client({ connectionString: this.url, application_name: 'annals-append-signal' });
        client.on('error', () => undefined);
        await client.connect();
        this.client = client;
      }
      await this.client.query(`NOTIFY ${APPENDED_CHANNEL}`);
    } catch {
      const broken = this.client;
      this.client = undefined;
      await broken?.end().catch(() => undefined);
    } finally {
      this.inFlight = false;
      if (this.pending) {
        this.pending = false;
        this.signal();
      }
    }
  }
}
