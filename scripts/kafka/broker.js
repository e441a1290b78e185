#!/usr/bin/env node
'use strict';
// A real single-node Apache Kafka (KRaft) broker for tests and CI, run from Maven Central jars.
// Library: start(options) -> broker handle; stop() and status() act on the broker the CLI started.
// CLI: node scripts/kafka/broker.js start|restart|stop|status
const { execFile, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { promisify } = require('node:util');
const { writeBrokerConfig, isFormatted } = require('./config');
const { ensureJars } = require('./jars');
const { isKafkaBroker, terminate } = require('./processes');
const { waitUntilReady } = require('./readiness');

const STATE_DIR = path.resolve(__dirname, '..', '..', '.kafka');
const PID_FILE = path.join(STATE_DIR, 'broker.pid');
const STATE_FILE = path.join(STATE_DIR, 'broker.json');
const DEFAULT_PORT = 19092;
const DEFAULT_NUM_PARTITIONS = 3;
const READY_TIMEOUT_MS = 90_000;
const SHUTDOWN_GRACE_MS = 30_000;
const LOG_TAIL_LINES = 60;
// The machines have 2 cores and tests run beside the broker: keep it small.
const BROKER_JVM_OPTIONS = [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
];
const TOOL_JVM_OPTIONS = ['-Xmx256m', '-XX:TieredStopAtLevel=1'];

const runFile = promisify(execFile);

function logToStderr(message) {
  process.stderr.write(`[kafka-broker] ${message}\n`);
}

function resolveSettings(options) {
  const port = Number(options.port ?? process.env.KAFKA_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65534) {
    throw new Error(`invalid Kafka port ${port}: the broker needs it and the next port for its controller`);
  }
  return {
    port,
    dataDir: path.resolve(options.dataDir ?? path.join(STATE_DIR, `data-${port}`)),
    logFile: path.resolve(options.logFile ?? path.join(STATE_DIR, `broker-${port}.log`)),
    numPartitions: Number(
      options.numPartitions ?? process.env.KAFKA_NUM_PARTITIONS ?? DEFAULT_NUM_PARTITIONS,
    ),
    keepData: options.keepData ?? false,
    detached: options.detached ?? false,
    readyTimeoutMs: options.readyTimeoutMs ?? READY_TIMEOUT_MS,
    log: options.log ?? logToStderr,
  };
}

function javaBinary() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error) =>
      reject(new Error(`port ${port} on 127.0.0.1 is taken (${error.code}): set KAFKA_PORT to another one`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

// Kafka's cluster ids are 16 random bytes in unpadded base64url.
function newClusterId() {
  return randomBytes(16).toString('base64url');
}

async function formatStorage(settings, classpath, config) {
  const clusterId = newClusterId();
  settings.log(`formatting ${config.logDir} for cluster ${clusterId}`);
  const args = [
    ...TOOL_JVM_OPTIONS,
    `-Dlog4j2.configurationFile=${config.log4jConfigFile}`,
    '-cp',
    classpath,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    config.serverPropertiesFile,
  ];
  try {
    await runFile(javaBinary(), args);
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(`formatting the Kafka storage failed: ${output || error.message}`, { cause: error });
  }
}

/** Writes the configuration and, unless the data is kept and already formatted, fresh storage. */
async function prepareStorage(settings, classpath) {
  if (!settings.keepData) {
    fs.rmSync(settings.dataDir, { recursive: true, force: true });
  }
  const config = writeBrokerConfig(settings);
  if (!isFormatted(config.logDir)) {
    await formatStorage(settings, classpath, config);
  }
  return config;
}

function spawnBroker(settings, classpath, config) {
  fs.mkdirSync(path.dirname(settings.logFile), { recursive: true });
  const logFd = fs.openSync(settings.logFile, settings.keepData ? 'a' : 'w');
  const args = [
    ...BROKER_JVM_OPTIONS,
    `-Dlog4j2.configurationFile=${config.log4jConfigFile}`,
    '-cp',
    classpath,
    'kafka.Kafka',
    config.serverPropertiesFile,
  ];
  const child = spawn(javaBinary(), args, { detached: settings.detached, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  // Neither an unstopped broker nor its handle keeps the caller alive; see stopOnExit.
  child.unref();
  let exit;
  child.once('exit', (code, signal) => (exit = signal ?? `exit code ${code}`));
  child.once('error', (error) => (exit = error.message));
  return { pid: child.pid, exited: () => exit };
}

function logTail(logFile) {
  try {
    const lines = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n');
    return lines.slice(-LOG_TAIL_LINES).join('\n');
  } catch {
    return '(no log written)';
  }
}

/** Prepares storage, starts the JVM and resolves once it serves clients; returns its pid. */
async function launch(settings, classpath) {
  await Promise.all([assertPortFree(settings.port), assertPortFree(settings.port + 1)]);
  const config = await prepareStorage(settings, classpath);
  const broker = spawnBroker(settings, classpath, config);
  const brokers = `127.0.0.1:${settings.port}`;
  settings.log(`starting Kafka on ${brokers} (pid ${broker.pid}, log ${settings.logFile})`);
  try {
    await waitUntilReady({ brokers, timeoutMs: settings.readyTimeoutMs, exited: broker.exited });
  } catch (error) {
    if (broker.pid !== undefined) {
      await terminate(broker.pid, { graceMs: 0 });
    }
    const tail = `--- last lines of ${settings.logFile} ---\n${logTail(settings.logFile)}`;
    throw new Error(`${error.message}\n${tail}`, { cause: error });
  }
  return broker.pid;
}

// A broker started for this process goes down when it exits, even if nobody called stop().
function stopOnExit(pid) {
  const listener = () => {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', listener);
  return () => process.removeListener('exit', listener);
}

/**
 * Starts a broker and resolves once a kafkajs admin can create and list a topic on it.
 * options: port (KAFKA_PORT, else 19092; the controller takes port + 1), dataDir
 * (.kafka/data-<port>), logFile (.kafka/broker-<port>.log), numPartitions
 * (KAFKA_NUM_PARTITIONS, else 3), keepData (false: wipe dataDir and format it anew; true: reuse
 * storage formatted before), detached (false: the broker is stopped when this process exits),
 * readyTimeoutMs (90000), log (message => void). See broker.d.ts for the handle.
 */
async function start(options = {}) {
  const settings = resolveSettings(options);
  const classpath = ensureJars({ log: settings.log });
  const guard = (pid) => (settings.detached ? () => {} : stopOnExit(pid));
  let pid = await launch(settings, classpath);
  let forgetExitHook = guard(pid);

  const stopCurrent = async () => {
    if (pid === undefined) {
      return;
    }
    const stopping = pid;
    pid = undefined;
    forgetExitHook();
    await terminate(stopping, { graceMs: SHUTDOWN_GRACE_MS });
  };

  return {
    brokers: `127.0.0.1:${settings.port}`,
    port: settings.port,
    dataDir: settings.dataDir,
    logFile: settings.logFile,
    get pid() {
      return pid;
    },
    /** Shuts the broker down cleanly and resolves once its process is gone. */
    stop: stopCurrent,
    /** Stops the broker and starts it again on the same port and data (topics and offsets kept). */
    async restart() {
      await stopCurrent();
      const restartSettings = { ...settings, keepData: true };
      pid = await launch(restartSettings, classpath);
      forgetExitHook = guard(pid);
    },
  };
}

function readRecord() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return undefined;
  }
}

function readPid() {
  try {
    return Number(fs.readFileSync(PID_FILE, 'utf8').trim());
  } catch {
    return undefined;
  }
}

function writeRecord(broker) {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const { brokers, port, dataDir, logFile, pid } = broker;
  fs.writeFileSync(STATE_FILE, `${JSON.stringify({ pid, brokers, port, dataDir, logFile }, null, 2)}\n`);
  fs.writeFileSync(PID_FILE, `${pid}\n`);
}

function forgetRecord() {
  fs.rmSync(PID_FILE, { force: true });
  fs.rmSync(STATE_FILE, { force: true });
}

/** The broker recorded in .kafka/broker.pid: { running, pid, brokers, port, dataDir, logFile }. */
function status() {
  const pid = readPid();
  if (!pid || !isKafkaBroker(pid)) {
    return { running: false };
  }
  return { ...readRecord(), running: true, pid };
}

/** Stops the broker recorded in .kafka/broker.pid and waits until it is gone; false if none ran. */
async function stop() {
  const current = status();
  if (current.running) {
    await terminate(current.pid, { graceMs: SHUTDOWN_GRACE_MS });
  }
  forgetRecord();
  return current.running;
}

async function startRecorded(options) {
  const broker = await start({ ...options, detached: true });
  writeRecord(broker);
  return broker;
}

const COMMANDS = {
  async start() {
    const current = status();
    if (current.running) {
      logToStderr(`already running (pid ${current.pid})`);
      return current.brokers;
    }
    return (await startRecorded({ keepData: false })).brokers;
  },
  async restart() {
    const previous = status();
    await stop();
    const { port, dataDir, logFile } = previous.running ? previous : {};
    return (await startRecorded({ port, dataDir, logFile, keepData: true })).brokers;
  },
  async stop() {
    logToStderr((await stop()) ? 'stopped' : 'was not running');
  },
  async status() {
    const current = status();
    logToStderr(current.running ? `running (pid ${current.pid})` : 'not running');
    if (!current.running) {
      process.exitCode = 1;
    }
    return current.brokers;
  },
};

async function main(command) {
  const run = COMMANDS[command];
  if (!run) {
    logToStderr('usage: node scripts/kafka/broker.js start|restart|stop|status');
    process.exitCode = 2;
    return;
  }
  const brokers = await run();
  if (brokers) {
    process.stdout.write(`KAFKA_BROKERS=${brokers}\n`);
  }
}

if (require.main === module) {
  main(process.argv[2]).catch((error) => {
    logToStderr(error.message);
    process.exitCode = 1;
  });
}

module.exports = { start, stop, status, DEFAULT_PORT };
