import { LeaderLoop } from './leader-loop';
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
  private readonly loop: LeaderLoop<SequencerRepository>;
  private lastPosition = 0;
  private batches = 0;

  constructor(private readonly options: SequencerOptions) {
    const name = options.name ?? 'sequencer';
    this.loop = new LeaderLoop(
      options.url,
      options.pollIntervalMs,
      {
        applicationName: 'annals-sequencer',
        wakeChannel: APPENDED_CHANNEL,
        // Let a burst of commits gather: one ledger batch (and one commit of its own) per linger,
        // instead of one per wake-up competing with the writers for WAL flushes.
        lingerMs: options.lingerMs ?? DEFAULT_LINGER_MS,
        openSession: (client) => new SequencerRepository(client),
        tryLead: (repository) => repository.tryLead(),
        work: (repository) => this.numberBatch(repository),
      },
      (message) => options.log?.(`${name}: ${message}`),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  status(): SequencerStatus {
    return {
      leader: this.loop.leader,
      lastPosition: this.lastPosition,
      batches: this.batches,
      lastError: this.loop.lastError,
    };
  }

  /** Resolves once this instance leads (for tests and start-up ordering). */
  waitUntilLeader(timeoutMs = 10_000): Promise<boolean> {
    return this.loop.waitUntilLeader(timeoutMs);
  }

  /** One batch, then a seal when one is due; true when the batch was full. */
  private async numberBatch(repository: SequencerRepository): Promise<boolean> {
    const { first, last } = await repository.sequence(this.options.batchSize);
    const numbered = Math.max(0, last - first + 1);
    this.lastPosition = last;
    if (numbered > 0) this.batches += 1;
    await this.sealIfDue(repository);
    return numbered >= this.options.batchSize;
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
}
