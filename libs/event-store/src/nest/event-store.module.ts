import {
  DynamicModule,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { Kysely } from 'kysely';
import { AppendLimits } from '../append-request';
import { AppendSignal } from '../append-signal';
import { BundleExporter } from '../bundle/bundle-exporter';
import { EventStore } from '../event-store';
import { LedgerNotifier } from '../ledger-notifier';
import { SealKey } from '../seal-keys';
import { Sequencer } from '../sequencer';
import { Verifier } from '../verification';
import { VerificationRepository } from '../verification.repository';

export interface EventStoreModuleOptions {
  readonly url: string;
  readonly db: Kysely<any>;
  readonly limits: AppendLimits;
  /** Keys whose seals verification accepts. */
  readonly trustedKeys: readonly KeyObject[];
  /** When given, this process runs a sequencer (leader or standby). */
  readonly sequencer?: {
    readonly batchSize: number;
    readonly pollIntervalMs: number;
    readonly seals?: { readonly key: SealKey; readonly everyEvents: number; readonly intervalMs: number };
    readonly log?: (message: string) => void;
  };
}

/** The sequencer this process runs, if any: absent in a process that only serves queries. */
@Injectable()
export class SequencerHost {
  constructor(readonly sequencer: Sequencer | undefined) {}
}

@Injectable()
class EventStoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly notifier: LedgerNotifier,
    private readonly host: SequencerHost,
    private readonly signal: AppendSignal,
  ) {}

  onApplicationBootstrap(): void {
    this.host.sequencer?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host.sequencer?.stop();
    await this.notifier.stop();
    await this.signal.close();
  }
}

/** The event store for Nest apps: a thin wrapper; the library itself has no Nest in it. */
@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        {
          provide: LedgerNotifier,
          useFactory: async () => {
            const notifier = new LedgerNotifier(options.url);
            await notifier.start();
            return notifier;
          },
        },
        { provide: AppendSignal, useFactory: () => new AppendSignal(options.url) },
        {
          provide: EventStore,
          useFactory: (notifier: LedgerNotifier, signal: AppendSignal) =>
            new EventStore(options.db, {
              limits: options.limits,
              waiter: notifier,
              onCommitted: () => signal.signal(),
            }),
          inject: [LedgerNotifier, AppendSignal],
        },
        {
          provide: Verifier,
          useFactory: () => new Verifier(new VerificationRepository(options.db), options.trustedKeys),
        },
        {
          provide: BundleExporter,
          useFactory: () => new BundleExporter(new VerificationRepository(options.db)),
        },
        {
          provide: SequencerHost,
          useFactory: () =>
            new SequencerHost(options.sequencer && new Sequencer({ url: options.url, ...options.sequencer })),
        },
        EventStoreLifecycle,
      ],
      exports: [EventStore, Verifier, BundleExporter, LedgerNotifier, SequencerHost],
    };
  }
}
