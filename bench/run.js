#!/usr/bin/env node
// `npm run bench -- <benchmark>`: builds when the compiled code is stale, then runs the benchmark's
// coordinator from dist/ (compiled JavaScript, so that child processes start without ts-node).
const { ensureBuilt } = require('../scripts/ensure-built');

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

const [name, ...args] = process.argv.slice(2);
const entry = benchmarks[name];
if (!entry) {
  console.error(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}> [options]`);
  process.exit(2);
}
require(ensureBuilt(entry, 'bench'))
  .main(args)
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
