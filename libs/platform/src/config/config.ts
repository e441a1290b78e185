import { API_KEY_FORMAT, parseApiKey } from '../auth/api-key';

/**
 * The service's whole configuration, read once from the environment and validated at start.
 * Every wrong value is reported together, each with the variable, what was expected and what was given,
 * so that a broken deployment is fixed in one pass.
 */
export interface AnnalsConfig {
  /** Unset means: start the embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  readonly port: number;
  readonly grpcPort: number;
  /** GRPC_ENABLED=false serves REST only (GRPC_PORT=0 binds a free port, for tests). */
  readonly grpcEnabled: boolean;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  readonly logLevel: LogLevel;
  /**
   * Run the sequencer, projections, relay and ingest in this process (the single-process default).
   * A scaled-out API sets it false and leaves them to `apps/worker`.
   */
  readonly runBackground: boolean;
  readonly store: StoreLimits;
  readonly sequencer: SequencerSettings;
  readonly seals: SealSettings;
  readonly kafkaBrokers: readonly string[];
  /** Relay and ingest settings; used only when `kafkaBrokers` is non-empty. */
  readonly kafka: KafkaSettings;
  readonly auth: AuthSettings;
}

export interface AuthSettings {
  /** The first admin key (`ank_<id>_<secret>`); without it a first start generates one and prints it once. */
  readonly adminKey: string | undefined;
  /** Serve /docs (OpenAPI) without a key. */
  readonly docsOpen: boolean;
  /** Requests per minute per key, refilled continuously; 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
  /** How many requests a key may make at once before the per-minute rate applies. */
  readonly rateLimitBurst: number;
  /** How long a verified key is trusted before it is read again (a revocation elsewhere takes this long). */
  readonly keyCacheMs: number;
}

export interface KafkaSettings {
  readonly clientId: string;
  /** Where the relay publishes the ledger. */
  readonly eventsTopic: string;
  /** Where ingest reads commands; refused ones go to `<commandsTopic>.dlq`. */
  readonly commandsTopic: string;
  /** Partitions of the topics created when missing. */
  readonly topicPartitions: number;
  readonly ingestGroup: string;
  /** The actor id recorded on ingested commands (role publisher). */
  readonly ingestActor: string;
}

export interface StoreLimits {
  readonly maxEventDataBytes: number;
  readonly maxEventsPerAppend: number;
}

export interface SequencerSettings {
  readonly batchSize: number;
  readonly pollIntervalMs: number;
}

export interface SealSettings {
  readonly everyEvents: number;
  readonly intervalMs: number;
  /** PEM file with the Ed25519 private key; generated there on first start when absent. */
  readonly keyFile: string;
}

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The levels shown at a configured level: that one and every more severe one. */
export const logLevelsUpTo = (level: LogLevel): LogLevel[] =>
  LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);

export interface ConfigProblem {
  readonly variable: string;
  readonly expected: string;
  readonly actual: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      'Invalid configuration:\n' +
        problems
          .map((p) => `  ${p.variable}: expected ${p.expected}, got ${JSON.stringify(p.actual)}`)
          .join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Collects problems instead of throwing at the first, so the message lists them all. */
class EnvReader {
  readonly problems: ConfigProblem[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? fallback : raw;
  }

  optional(name: string): string | undefined {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? undefined : raw;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push({ variable: name, expected: `an integer from ${min} to ${max}`, actual: raw });
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    this.problems.push({ variable: name, expected: 'true or false', actual: raw });
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push({ variable: name, expected: `one of ${allowed.join(', ')}`, actual: raw });
      return fallback;
    }
    return raw as T;
  }

  postgresUrl(name: string): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    let protocol: string | undefined;
    try {
      protocol = new URL(raw).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
      // The value may hold a password: report its shape, never the value itself.
      this.problems.push({
        variable: name,
        expected: 'a postgres:// or postgresql:// URL',
        actual: redact(raw),
      });
      return undefined;
    }
    return raw;
  }

  /** A Kafka topic, consumer group or client id: letters, digits, '.', '_' and '-', up to 249. */
  kafkaName(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    if (!/^[A-Za-z0-9._-]{1,249}$/.test(value)) {
      this.problems.push({
        variable: name,
        expected: "letters, digits, '.', '_' or '-' (at most 249)",
        actual: value,
      });
      return fallback;
    }
    return value;
  }

  /** A secret: a wrong one is reported by its length only, so that it never reaches a log. */
  apiKey(name: string): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    if (parseApiKey(raw) === undefined) {
      this.problems.push({ variable: name, expected: API_KEY_FORMAT, actual: `<${raw.length} characters>` });
      return undefined;
    }
    return raw;
  }

  brokerList(name: string): string[] {
    const raw = this.optional(name);
    if (raw === undefined) return [];
    const brokers = raw.split(',').map((b) => b.trim());
    const bad = brokers.filter((b) => !/^[A-Za-z0-9.[\]:-]+:\d{1,5}$/.test(b));
    if (bad.length > 0) {
      this.problems.push({ variable: name, expected: 'a comma-separated list of host:port', actual: raw });
      return [];
    }
    return brokers;
  }
}

const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

const MAX_PORT = 65535;

export function loadConfig(env: Env = process.env): AnnalsConfig {
  const read = new EnvReader(env);
  const dataDir = read.string('ANNALS_DATA_DIR', '.annals');
  const config: AnnalsConfig = {
    databaseUrl: read.postgresUrl('DATABASE_URL'),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 1000),
    port: read.integer('PORT', 3000, 0, MAX_PORT),
    grpcPort: read.integer('GRPC_PORT', 50051, 0, MAX_PORT),
    grpcEnabled: read.boolean('GRPC_ENABLED', true),
    dataDir,
    embeddedPostgresPort: read.integer('ANNALS_EMBEDDED_PG_PORT', 54329, 1, MAX_PORT),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'log'),
    runBackground: read.boolean('ANNALS_RUN_BACKGROUND', true),
    store: {
      maxEventDataBytes: read.integer('ANNALS_MAX_EVENT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
      maxEventsPerAppend: read.integer('ANNALS_MAX_EVENTS_PER_APPEND', 1000, 1, 100_000),
    },
    sequencer: {
      batchSize: read.integer('ANNALS_SEQUENCER_BATCH', 2000, 1, 100_000),
      pollIntervalMs: read.integer('ANNALS_SEQUENCER_POLL_MS', 250, 10, 60_000),
    },
    seals: {
      everyEvents: read.integer('ANNALS_SEAL_EVERY_EVENTS', 1000, 1, 100_000_000),
      intervalMs: read.integer('ANNALS_SEAL_INTERVAL_MS', 60_000, 100, 86_400_000),
      keyFile: read.string('ANNALS_SEAL_KEY_FILE', `${dataDir}/seal-key.pem`),
    },
    kafkaBrokers: read.brokerList('KAFKA_BROKERS'),
    kafka: {
      clientId: read.kafkaName('KAFKA_CLIENT_ID', 'annals'),
      eventsTopic: read.kafkaName('KAFKA_EVENTS_TOPIC', 'annals.events.v1'),
      commandsTopic: read.kafkaName('KAFKA_COMMANDS_TOPIC', 'annals.commands.v1'),
      topicPartitions: read.integer('KAFKA_TOPIC_PARTITIONS', 3, 1, 10_000),
      ingestGroup: read.kafkaName('KAFKA_INGEST_GROUP', 'annals-ingest'),
      ingestActor: read.string('KAFKA_INGEST_ACTOR', 'kafka-ingest'),
    },
    auth: {
      adminKey: read.apiKey('ANNALS_ADMIN_KEY'),
      docsOpen: read.boolean('ANNALS_AUTH_DOCS_OPEN', true),
      rateLimitPerMinute: read.integer('ANNALS_RATE_LIMIT_PER_MINUTE', 1200, 0, 1_000_000),
      rateLimitBurst: read.integer('ANNALS_RATE_LIMIT_BURST', 200, 1, 1_000_000),
      keyCacheMs: read.integer('ANNALS_AUTH_CACHE_MS', 5000, 0, 300_000),
    },
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
