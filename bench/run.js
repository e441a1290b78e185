#!/usr/bin/env node
// `npm run bench -- <benchmark>`: builds when the compiled code is stale, then runs the benchmark's
// coordinator from dist/ (compiled JavaScript, so that child processes start without ts-node).
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const benchmarks = {
  append: 'dist/bench/append/main.js',
  // Kafka relay and ingest (bench/kafka, issue 5).
  kafka: 'dist/bench/kafka/main.js',
  // REST commands beside the library's appends (issue 3).
  commands: 'dist/bench/commands/main.js',
  // Projection catch-up beside COPY, and query latency beside the library (issue: projections and queries).
  projections: 'dist/bench/projections/main.js',
  queries: 'dist/bench/queries/main.js',
};
const BUILD_INFO = 'dist/.tsbuildinfo.build';
// apps: the data set is the demo scenario (apps/cli), and the service is started from dist/apps.
const SOURCES = ['apps', 'bench', 'libs', 'migrations', 'tsconfig.json', 'tsconfig.build.json'];

function newestSourceTime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return path.endsWith('.ts') || path.endsWith('.json') ? stats.mtimeMs : 0;
  return readdirSync(path)
    .filter((name) => name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestSourceTime(join(path, name))), 0);
}

function isStale(entry) {
  const info = join(root, BUILD_INFO);
  if (!existsSync(join(root, entry)) || !existsSync(info)) return true;
  const built = statSync(info).mtimeMs;
  return SOURCES.some(
    (source) => existsSync(join(root, source)) && newestSourceTime(join(root, source)) > built,
  );
}

const [name, ...args] = process.argv.slice(2);
const entry = benchmarks[name];
if (!entry) {
  console.error(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}> [options]`);
  process.exit(2);
}
if (isStale(entry)) {
  console.log('bench: building (npm run build)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('bench: the build failed; fix the errors above and run again');
    process.exit(build.status ?? 1);
  }
}
require(join(root, entry))
  .main(args)
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
