#!/usr/bin/env node
// `npm test`: builds (the end-to-end tier boots the compiled service, as `npm start` does), then runs
// every jest tier. PostgreSQL: DATABASE_URL when set, else an embedded server (test/support/global-setup.ts).
// Extra arguments go to jest, e.g. `npm test -- --selectProjects unit`.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const run = (command, args, env = process.env) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

if (run('npm', ['run', 'build', '--silent']) !== 0) {
  console.error('build failed');
  process.exit(1);
}

const resultDir = mkdtempSync(join(tmpdir(), 'annals-jest-'));
const resultFile = join(resultDir, 'results.json');
const jest = require.resolve('jest/bin/jest');
const status = run(process.execPath, [
  jest,
  '--maxWorkers=2',
  '--json',
  `--outputFile=${resultFile}`,
  ...process.argv.slice(2),
]);

// jest's own summary is not a line CI reads; say it plainly.
try {
  const results = JSON.parse(readFileSync(resultFile, 'utf8'));
  console.log(
    `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
  );
  if (results.numTotalTests === 0) {
    console.error('no test ran');
    process.exit(1);
  }
} catch {
  console.error('jest wrote no results');
}
rmSync(resultDir, { recursive: true, force: true });
process.exit(status);
