import { Client } from 'pg';
import { APPENDED_CHANNEL } from './ledger-notifier';
import { SealKey, signSeal } from './seal-keys';
import { SequencerRepository } from './sequencer.repository';

export interface SequencerOptions {
  readonly url: string;
  readonly batchSize: number;
  /** How often a follower tries to take over, and how often an idle leader looks for work without a wake-up. */
  readonly pollIntervalMs: number;
  readonly seals?: { readonly key: SealKey; readonly everyEvents: number; readonly intervalMs: number };
  readonly log?: (message: string) => void;
  readonly name?: string;
  /** How long to wait after a wake-up before numbering (default 5 ms). */
  readonly lingerMs?: number;
}

const DEFAULT_LINGER_MS = 5;

export interface SequencerStatus {
  readonly leader: boolean;
  readonly lastPosition: number;
  readonly batches: number;
  readonly lastError: string | undefined;
}

/**
 * Gives committed events their ledger positions. Many may run; one leads (session advisory lock),
 * the others wait to take over when the leader's session ends. Each batch is one transaction
 * (annals_sequence), so a sequencer killed mid-batch leaves either the whole batch or nothing.
 */
export class Sequencer {
  private client: Client | undefined;
  private repository: SequencerRepository | undefined;
  private leader = false;
  private stopped = true;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastPosition = 0;
  private batches = 0;
  private lastError: string | undefined;

  constructor(private readonly options: SequencerOptions) {}

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

  status(): SequencerStatus {
    return {
      leader: this.leader,
      lastPosition: this.lastPosition,
      batches: this.batches,
      lastError: this.lastError,
    };
  }

  /** Resolves once this instance leads (for tests and start-up ordering). */
  async waitUntilLeader(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.leader && Date.now() < deadline) await delay(20);
    return this.leader;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const repository = await this.connect();
        if (!this.leader) {
          this.leader = await repository.tryLead();
          if (!this.leader) {
            await this.idle(this.options.pollIntervalMs);
            continue;
          }
          this.options.log?.(`${this.options.name ?? 'sequencer'}: leading`);
        }
        const { first, last } = await repository.sequence(this.options.batchSize);
        const numbered = Math.max(0, last - first + 1);
        this.lastPosition = last;
        if (numbered > 0) this.batches += 1;
        await this.sealIfDue(repository);
        if (numbered < this.options.batchSize) {
          await this.idle(this.options.pollIntervalMs);
          // Let a burst of commits gather: one ledger batch (and one commit of its own) per linger,
          // instead of one per wake-up competing with the writers for WAL flushes.
          await delay(this.options.lingerMs ?? DEFAULT_LINGER_MS);
        }
      } catch (error) {
        this.lastError = (error as Error).message;
        this.options.log?.(`${this.options.name ?? 'sequencer'}: ${this.lastError}; reconnecting`);
        await this.disconnect();
        await this.idle(Math.max(this.options.pollIntervalMs, 500));
      }
    }
  }

  private async sealIfDue(repository: SequencerRepository): Promise<void> {
    const seals = this.options.seals;
    if (!seals) return;
    const head = await repository.ledgerHeadWithHash();
    if (!head) return;
    const last = await repository.lastSeal();
    const sealedTo = last?.toPosition ?? 0;
    const pending = head.position - sealedTo;
    const dueByTime = !last || Date.now() - last.sealedAt.getTime() >= seals.intervalMs;
    if (pending <= 0 || (pending < seals.everyEvents && !dueByTime)) return;
    await repository.insertSeal({
      fromPosition: sealedTo + 1,
      toPosition: head.position,
      headHash: head.hash,
      keyId: seals.key.keyId,
      publicKeyPem: seals.key.publicKeyPem,
      signature: signSeal(seals.key, sealedTo + 1, head.position, head.hash),
    });
  }

  private async connect(): Promise<SequencerRepository> {
    if (this.repository) return this.repository;
    const client = new Client({ connectionString: this.options.url, application_name: 'annals-sequencer' });
    client.on('error', () => undefined);
    client.on('notification', () => this.wake?.());
    await client.connect();
    this.client = client;
    this.repository = new SequencerRepository(client);
    await this.repository.listen(APPENDED_CHANNEL);
    return this.repository;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.repository = undefined;
    this.leader = false;
    await client?.end().catch(() => undefined);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
