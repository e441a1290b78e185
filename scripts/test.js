#!/usr/bin/env node
// `npm test`: builds (the end-to-end tier boots the compiled service, as `npm start` does), then runs
// every jest tier. PostgreSQL: DATABASE_URL when set, else an embedded server (test/support/global-setup.ts).
// Kafka: KAFKA_BROKERS when set, else a broker started here (scripts/kafka/broker.js) when java and mvn
// exist; without one the Kafka specs skip with the reason, except under CI=true, where that fails.
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const run = (command, args, env = process.env) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

const onPath = (command) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** The brokers for the Kafka specs, and the broker to stop afterwards when this script started one. */
async function kafkaForTests() {
  if (process.env.KAFKA_BROKERS) return { brokers: process.env.KAFKA_BROKERS };
  const missing = ['java', 'mvn'].filter((command) => !onPath(command));
  if (missing.length > 0) return { reason: `${missing.join(' and ')} not found` };
  const port = Number(process.env.KAFKA_TEST_PORT ?? 19292);
  try {
    const broker = await require('./kafka/broker').start({ port });
    return { brokers: broker.brokers, broker };
  } catch (error) {
    return { reason: `the broker did not start: ${error.message}` };
  }
}

async function main() {
  if (run('npm', ['run', 'build', '--silent']) !== 0) {
    console.error('build failed');
    return 1;
  }
  const kafka = await kafkaForTests();
  if (!kafka.brokers) {
    if (process.env.CI === 'true') {
      console.error(`CI needs Kafka and there is none: ${kafka.reason}`);
      return 1;
    }
    console.warn(`Kafka specs will be skipped: ${kafka.reason}`);
  }
  const env = kafka.brokers ? { ...process.env, KAFKA_BROKERS: kafka.brokers } : process.env;
  try {
    return runJest(env);
  } finally {
    await kafka.broker?.stop();
  }
}

function runJest(env) {
  const resultDir = mkdtempSync(join(tmpdir(), 'annals-jest-'));
  const resultFile = join(resultDir, 'results.json');
  const jest = require.resolve('jest/bin/jest');
  // One spec file at a time: the spec files share one PostgreSQL server, and a transaction one spec
  // holds open on purpose (the fence and kill tests) would hold back the other's ledger, since
  // transaction ids are server-wide (docs/architecture.md, "the fence").
  const status = run(
    process.execPath,
    // --forceExit: with one worker jest runs in its own process, where a handle a spec leaves open
    // (seen once in four full runs) would keep it from exiting after the results are written; with
    // workers, jest ended them for us.
    [jest, '--maxWorkers=1', '--forceExit', '--json', `--outputFile=${resultFile}`, ...process.argv.slice(2)],
    env,
  );

  // jest's own summary is not a line CI reads; say it plainly.
  try {
    const results = JSON.parse(readFileSync(resultFile, 'utf8'));
    console.log(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
    );
    if (results.numTotalTests === 0) {
      console.error('no test ran');
      return 1;
    }
  } catch {
    console.error('jest wrote no results');
  }
  rmSync(resultDir, { recursive: true, force: true });
  return status;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
