'use strict';
// Finding and ending a broker process by pid, whether or not this process started it.
const fs = require('node:fs');
const { setTimeout: delay } = require('node:timers/promises');

const POLL_INTERVAL_MS = 100;

// A zombie still answers kill(pid, 0), so /proc (where there is one) has the last word.
function isRunning(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

/** Whether pid is a running JVM whose main class is Kafka's server (so a reused pid is not). */
function isKafkaBroker(pid) {
  if (!isRunning(pid)) {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('kafka.Kafka');
  } catch {
    return true;
  }
}

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() >= deadline) {
      return false;
    }
    await delay(POLL_INTERVAL_MS);
  }
  return true;
}

/** Asks pid to shut down cleanly, kills it after graceMs, and resolves once it is gone. */
async function terminate(pid, { graceMs }) {
  if (!signal(pid, 'SIGTERM')) {
    return;
  }
  if (await waitForExit(pid, graceMs)) {
    return;
  }
  signal(pid, 'SIGKILL');
  await waitForExit(pid, Infinity);
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

module.exports = { isRunning, isKafkaBroker, terminate };
