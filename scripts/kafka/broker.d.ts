// Types for broker.js, so that TypeScript tests can start and restart a broker of their own.

export interface StartOptions {
  /** PLAINTEXT port on 127.0.0.1; the controller takes port + 1. Default KAFKA_PORT, else 19092. */
  port?: number;
  /** Storage and configuration. Default .kafka/data-<port>. */
  dataDir?: string;
  /** The broker's log. Default .kafka/broker-<port>.log. */
  logFile?: string;
  /** Partitions of auto-created topics. Default KAFKA_NUM_PARTITIONS, else 3. */
  numPartitions?: number;
  /** false (default): wipe dataDir and format it anew; true: reuse storage formatted before. */
  keepData?: boolean;
  /** false (default): the broker is stopped when this process exits; true: it outlives it. */
  detached?: boolean;
  /** How long to wait for the broker to serve clients. Default 90000. */
  readyTimeoutMs?: number;
  /** Progress messages. Default: written to stderr. */
  log?: (message: string) => void;
}

export interface Broker {
  /** "127.0.0.1:<port>", the value for KAFKA_BROKERS. */
  readonly brokers: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logFile: string;
  /** The JVM's pid; undefined once stopped. */
  readonly pid: number | undefined;
  /** Shuts the broker down cleanly and resolves once its process is gone. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops the broker and starts it again on the same port and data (topics and offsets kept). */
  restart(): Promise<void>;
}

export interface BrokerStatus {
  running: boolean;
  pid?: number;
  brokers?: string;
  port?: number;
  dataDir?: string;
  logFile?: string;
}

/** Starts a broker and resolves once a kafkajs admin can create and list a topic on it. */
export function start(options?: StartOptions): Promise<Broker>;
/** Stops the broker recorded in .kafka/broker.pid (the CLI's); false if none was running. */
export function stop(): Promise<boolean>;
/** The broker recorded in .kafka/broker.pid (the CLI's). */
export function status(): BrokerStatus;
export const DEFAULT_PORT: number;
