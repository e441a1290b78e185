import { execFileSync } from 'node:child_process';

/**
 * The Kafka broker for specs: KAFKA_BROKERS (scripts/test.js sets it when it could start one).
 * Without it the Kafka specs are skipped with the reason printed, except under CI=true, where a
 * missing broker fails the run (DESIGN.md §8).
 */
export function kafkaBrokers(): string[] | undefined {
  const brokers =
    process.env.KAFKA_BROKERS?.split(',')
      .map((b) => b.trim())
      .filter(Boolean) ?? [];
  if (brokers.length > 0) return brokers;
  const reason =
    'KAFKA_BROKERS is not set: run the tests with `npm test` (which starts a broker when java and mvn exist) ' +
    'or start one with `eval "$(node scripts/kafka/broker.js start)" && export KAFKA_BROKERS`';
  if (process.env.CI === 'true') throw new Error(`Kafka is required under CI=true. ${reason}`);
  console.warn(`Skipping the Kafka specs. ${reason}`);
  return undefined;
}

/** `describe` when a broker is available, `describe.skip` otherwise. */
export function describeWithKafka(name: string, body: (brokers: string[]) => void): void {
  const brokers = kafkaBrokers();
  if (brokers) describe(name, () => body(brokers));
  else describe.skip(name, () => body([]));
}

/** True when this machine can start a broker of its own (scripts/kafka/broker.js needs java). */
export function canStartBroker(): boolean {
  try {
    execFileSync(process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java', ['-version'], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}
