import { Client } from 'pg';

/** What a singleton does on its own database session: take the lead, then work in rounds. */
export interface LeaderWork<Session> {
  /** The session's application_name, which also tells its backend apart in pg_stat_activity. */
  readonly applicationName: string;
  /** The NOTIFY channel that wakes an idle round early. */
  readonly wakeChannel: string;
  openSession(client: Client): Session;
  /** Tries the session advisory lock (and whatever a new leader must do first). */
  tryLead(session: Session): Promise<boolean>;
  /** One round as leader; true when more is likely waiting, so the next round starts at once. */
  work(session: Session): Promise<boolean>;
  /** Extra wait after an idle round ends, to let a burst gather (default none). */
  readonly lingerMs?: number;
}

/**
 * The loop every singleton of Annals runs (the sequencer, each projection runner): a dedicated
 * connection holds a session advisory lock, the leader works on that very session (if it dies, the
 * lock and any half-done transaction go with it), standbys retry every `pollIntervalMs`, and any error
 * drops the session and starts over.
 */
export class LeaderLoop<Session> {
  private client: Client | undefined;
  private session: Session | undefined;
  private leading = false;
  private stopped = true;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private error: string | undefined;

  constructor(
    private readonly url: string,
    private readonly pollIntervalMs: number,
    private readonly job: LeaderWork<Session>,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  get leader(): boolean {
    return this.leading;
  }

  get lastError(): string | undefined {
    return this.error;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.disconnect();
  }

  /** Resolves once this instance leads (for tests and start-up ordering). */
  async waitUntilLeader(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.leading && Date.now() < deadline) await delay(20);
    return this.leading;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const session = await this.connect();
        if (!this.leading) {
          this.leading = await this.job.tryLead(session);
          if (!this.leading) {
            await this.idle(this.pollIntervalMs);
            continue;
          }
          this.log('leading');
        }
        if (!(await this.job.work(session))) {
          await this.idle(this.pollIntervalMs);
          if (this.job.lingerMs) await delay(this.job.lingerMs);
        }
      } catch (error) {
        this.error = (error as Error).message;
        this.log(`${this.error}; reconnecting`);
        await this.disconnect();
        await this.idle(Math.max(this.pollIntervalMs, 500));
      }
    }
  }

  private async connect(): Promise<Session> {
    if (this.session) return this.session;
    const client = new Client({ connectionString: this.url, application_name: this.job.applicationName });
    client.on('error', () => undefined);
    client.on('notification', () => this.wake?.());
    await client.connect();
    this.client = client;
    await client.query(`LISTEN ${this.job.wakeChannel}`);
    this.session = this.job.openSession(client);
    return this.session;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.session = undefined;
    this.leading = false;
    await client?.end().catch(() => undefined);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
