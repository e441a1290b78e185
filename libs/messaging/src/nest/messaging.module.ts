import {
  DynamicModule,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { CommandExecutor } from '@annals/commands';
import { EventStore } from '@annals/event-store';
import { CommandIngest, IngestLag, IngestStatus } from '../command-ingest';
import { EventRelay, RelayStatus } from '../event-relay';
import { createKafka } from '../kafka-client';

export interface MessagingModuleOptions {
  /** The database's URL: the relay holds its advisory lock on a connection of its own. */
  readonly url: string;
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly eventsTopic: string;
  readonly commandsTopic: string;
  readonly topicPartitions: number;
  readonly ingestGroup: string;
  readonly ingestActor: string;
  /** Default both; a worker may run only one of them. */
  readonly relay?: boolean;
  readonly ingest?: boolean;
  readonly log?: (message: string) => void;
}

export interface MessagingStatus {
  readonly broker: {
    readonly connected: boolean;
    readonly brokers: readonly string[];
    readonly error?: string;
  };
  readonly relay?: RelayStatus;
  readonly ingest?: IngestStatus & { readonly lag?: IngestLag };
}

const HEALTH_TIMEOUT_MS = 3000;

/** The relay and the ingest this process runs, and their figures for health and metrics. */
@Injectable()
export class MessagingHost {
  constructor(
    private readonly kafka: Kafka,
    private readonly brokers: readonly string[],
    readonly relay: EventRelay | undefined,
    readonly ingest: CommandIngest | undefined,
  ) {}

  /** Asks the cluster for its brokers (bounded in time) and collects relay and ingest figures. */
  async status(): Promise<MessagingStatus> {
    const admin = this.kafka.admin();
    let broker: MessagingStatus['broker'];
    let lag: IngestLag | undefined;
    try {
      await withTimeout(admin.connect(), HEALTH_TIMEOUT_MS);
      await withTimeout(admin.describeCluster(), HEALTH_TIMEOUT_MS);
      broker = { connected: true, brokers: this.brokers };
      lag = this.ingest
        ? await withTimeout(this.ingest.lag(), HEALTH_TIMEOUT_MS).catch(() => undefined)
        : undefined;
    } catch (error) {
      broker = { connected: false, brokers: this.brokers, error: (error as Error).message };
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    return {
      broker,
      ...(this.relay && { relay: this.relay.status() }),
      ...(this.ingest && { ingest: { ...this.ingest.status(), ...(lag && { lag }) } }),
    };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the broker within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly host: MessagingHost) {}

  onApplicationBootstrap(): void {
    this.host.relay?.start();
    this.host.ingest?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.host.ingest?.stop(), this.host.relay?.stop()]);
  }
}

/** Kafka relay (out) and ingest (in). Needs EventStoreModule (global) and CommandsModule in the application. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: MessagingHost,
          useFactory: (store: EventStore, executor: CommandExecutor) => {
            const kafka = createKafka({
              brokers: options.brokers,
              clientId: options.clientId,
              log: options.log,
            });
            const relay =
              options.relay === false
                ? undefined
                : new EventRelay({
                    kafka,
                    store,
                    url: options.url,
                    topic: options.eventsTopic,
                    partitions: options.topicPartitions,
                    log: options.log,
                  });
            const ingest =
              options.ingest === false
                ? undefined
                : new CommandIngest({
                    kafka,
                    executor,
                    topic: options.commandsTopic,
                    groupId: options.ingestGroup,
                    actorId: options.ingestActor,
                    partitions: options.topicPartitions,
                    log: options.log,
                  });
            return new MessagingHost(kafka, options.brokers, relay, ingest);
          },
          inject: [EventStore, CommandExecutor],
        },
        MessagingLifecycle,
      ],
      exports: [MessagingHost],
    };
  }
}
