import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      port: 3000,
      grpcPort: 50051,
      dataDir: '.annals',
      store: { maxEventDataBytes: 262144, maxEventsPerAppend: 1000 },
      seals: { keyFile: '.annals/seal-key.pem' },
      kafkaBrokers: [],
      kafka: {
        clientId: 'annals',
        eventsTopic: 'annals.events.v1',
        commandsTopic: 'annals.commands.v1',
        topicPartitions: 3,
        ingestGroup: 'annals-ingest',
        ingestActor: 'kafka-ingest',
      },
    });
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/annals',
      PORT: '8080',
      GRPC_PORT: '9090',
      ANNALS_DATA_DIR: '/var/lib/annals',
      ANNALS_MAX_EVENT_BYTES: '4096',
      ANNALS_MAX_EVENTS_PER_APPEND: '10',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u:p@db:5432/annals',
      port: 8080,
      grpcPort: 9090,
      dataDir: '/var/lib/annals',
      store: { maxEventDataBytes: 4096, maxEventsPerAppend: 10 },
      seals: { keyFile: '/var/lib/annals/seal-key.pem' },
      kafkaBrokers: ['k1:9092', 'k2:9092'],
    });
  });

  it('serves gRPC on GRPC_PORT unless GRPC_ENABLED is false; 0 asks for a free port', () => {
    expect(loadConfig({})).toMatchObject({ grpcEnabled: true, grpcPort: 50051 });
    expect(loadConfig({ GRPC_PORT: '0' })).toMatchObject({ grpcEnabled: true, grpcPort: 0 });
    expect(loadConfig({ GRPC_ENABLED: 'false' })).toMatchObject({ grpcEnabled: false });
    expect(() => loadConfig({ GRPC_ENABLED: 'off', GRPC_PORT: '-1' })).toThrow(
      expect.objectContaining({
        problems: [
          { variable: 'GRPC_PORT', expected: 'an integer from 0 to 65535', actual: '-1' },
          { variable: 'GRPC_ENABLED', expected: 'true or false', actual: 'off' },
        ],
      }),
    );
  });

  it('reports every wrong value at once, with variable, expectation and value', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', GRPC_PORT: '70000', LOG_LEVEL: 'loud', KAFKA_BROKERS: 'nope' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      { variable: 'PORT', expected: 'an integer from 0 to 65535', actual: 'eighty' },
      { variable: 'GRPC_PORT', expected: 'an integer from 0 to 65535', actual: '70000' },
      { variable: 'LOG_LEVEL', expected: 'one of error, warn, log, debug, verbose', actual: 'loud' },
      { variable: 'KAFKA_BROKERS', expected: 'a comma-separated list of host:port', actual: 'nope' },
    ]);
  });

  it('reads the Kafka settings and refuses names Kafka would refuse', () => {
    expect(
      loadConfig({
        KAFKA_CLIENT_ID: 'annals-eu',
        KAFKA_EVENTS_TOPIC: 'events',
        KAFKA_COMMANDS_TOPIC: 'commands',
        KAFKA_TOPIC_PARTITIONS: '12',
        KAFKA_INGEST_GROUP: 'ingest-eu',
        KAFKA_INGEST_ACTOR: 'bridge',
      }).kafka,
    ).toEqual({
      clientId: 'annals-eu',
      eventsTopic: 'events',
      commandsTopic: 'commands',
      topicPartitions: 12,
      ingestGroup: 'ingest-eu',
      ingestActor: 'bridge',
    });
    expect(() => loadConfig({ KAFKA_EVENTS_TOPIC: 'my topic', KAFKA_TOPIC_PARTITIONS: '0' })).toThrow(
      ConfigError,
    );
  });

  it('never echoes a password from a wrong DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://admin:s3cret@db/annals' })).toThrow(
      /DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL, got "mysql:\/\/\*\*\*@db\/annals"/,
    );
  });
});
