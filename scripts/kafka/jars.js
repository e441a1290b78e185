'use strict';
// Resolves the broker's jars from Maven Central into .kafka/lib once; later runs reuse them.
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const POM_FILE = path.join(__dirname, 'pom.xml');
const DEFAULT_LIB_DIR = path.join(REPO_ROOT, '.kafka', 'lib');
// Written last, so a copy cut short is never mistaken for a complete one. It holds the pom's
// digest (changing the Kafka version in the pom fetches again) and the jar names (a jar deleted
// since fetches again).
const COMPLETE_MARKER = '.complete';

function pomDigest() {
  return createHash('sha256').update(fs.readFileSync(POM_FILE)).digest('hex');
}

function jarsComplete(libDir) {
  try {
    const [digest, ...jars] = fs.readFileSync(path.join(libDir, COMPLETE_MARKER), 'utf8').trim().split('\n');
    return (
      digest === pomDigest() && jars.length > 0 && jars.every((jar) => fs.existsSync(path.join(libDir, jar)))
    );
  } catch {
    return false;
  }
}

/** Makes sure libDir holds every jar the broker needs; returns the java classpath for it. */
function ensureJars({ libDir = DEFAULT_LIB_DIR, log = () => {} } = {}) {
  if (!jarsComplete(libDir)) {
    fetchJars(libDir, log);
  }
  return path.join(libDir, '*');
}

function fetchJars(libDir, log) {
  const staging = `${libDir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  log(`fetching Kafka jars with Maven into ${libDir}`);
  try {
    // Captured, not shown: Maven's quiet mode still writes colour codes, and a CLI caller's
    // stdout must stay machine-readable. The output is shown only when the fetch fails.
    execFileSync(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        POM_FILE,
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${staging}`,
      ],
      { stdio: 'pipe', encoding: 'utf8' },
    );
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    throw new Error(`mvn could not fetch the Kafka jars: ${output || error.message}`, { cause: error });
  }
  const jars = fs.readdirSync(staging).filter((name) => name.endsWith('.jar'));
  fs.writeFileSync(path.join(staging, COMPLETE_MARKER), `${[pomDigest(), ...jars].join('\n')}\n`);
  fs.rmSync(libDir, { recursive: true, force: true });
  try {
    fs.renameSync(staging, libDir);
  } catch (error) {
    // Another process fetching at the same time may have put its complete copy there first.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!jarsComplete(libDir)) {
      throw error;
    }
  }
}

module.exports = { ensureJars };
