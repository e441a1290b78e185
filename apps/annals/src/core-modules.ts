import { DynamicModule } from '@nestjs/common';
import { AnnalsRuntime } from '@annals/platform';
import { SealKey } from '@annals/event-store';
import { EventStoreModule } from '@annals/event-store/nest/event-store.module';
import { CommandsModule } from '@annals/commands';
import { EVENT_CATALOG } from '@annals/contracts';
import { MessagingModule } from '@annals/messaging/nest/messaging.module';
import { ProjectionsModule } from '@annals/projections/nest/projections.module';

export interface CoreOptions {
  readonly runtime: AnnalsRuntime;
  readonly sealKey: SealKey;
  /** Run the sequencer, projection runners, relay and ingest here (each a singleton with failover). */
  readonly runBackground: boolean;
  readonly log?: (message: string) => void;
}

/**
 * The parts every Annals process is made of, for the API (apps/annals) and the worker (apps/worker)
 * alike; they differ only in whether the background parts run and whether HTTP routes are served.
 */
export function coreModules({ runtime, sealKey, runBackground, log }: CoreOptions): DynamicModule[] {
  const { config } = runtime;
  return [
    EventStoreModule.forRoot({
      url: runtime.databaseUrl,
      db: runtime.db,
      limits: config.store,
      trustedKeys: [sealKey.publicKey],
      sequencer: runBackground
        ? { ...config.sequencer, seals: { key: sealKey, ...config.seals }, log }
        : undefined,
    }),
    CommandsModule.forRoot({ schemas: EVENT_CATALOG }),
    ProjectionsModule.forRoot({ db: runtime.db, url: runtime.databaseUrl, run: runBackground, log }),
    // Relay and ingest run only when Kafka is configured (DESIGN.md §8), in background processes.
    ...(config.kafkaBrokers.length > 0 && runBackground
      ? [
          MessagingModule.forRoot({
            url: runtime.databaseUrl,
            brokers: config.kafkaBrokers,
            ...config.kafka,
            log,
          }),
        ]
      : []),
  ];
}
