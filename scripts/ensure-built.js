// Builds dist/ when it is missing or older than the sources, so that `npx annals ...` and
// `npm run bench` work straight after `npm ci`. An install without sources (a container image)
// only needs dist/ to exist.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const BUILD_INFO = 'dist/.tsbuildinfo.build';
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
  if (!existsSync(join(root, entry))) return true;
  // No build record: a checkout builds, an install without sources runs what it has.
  if (!existsSync(info)) return existsSync(join(root, 'tsconfig.json'));
  const built = statSync(info).mtimeMs;
  return SOURCES.some(
    (source) => existsSync(join(root, source)) && newestSourceTime(join(root, source)) > built,
  );
}

/**
 * Returns the absolute path of `entry` (relative to the repository), building first when stale.
 * Progress goes to stderr so that a command's stdout stays machine-readable.
 */
function ensureBuilt(entry, who) {
  if (isStale(entry)) {
    if (!existsSync(join(root, 'tsconfig.json'))) {
      console.error(`${who}: ${entry} is missing and there are no sources to build it from`);
      process.exit(1);
    }
    console.error(`${who}: building (npm run build)...`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const build = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) {
      console.error(`${who}: the build failed; fix the errors above and run again`);
      process.exit(build.status ?? 1);
    }
  }
  return join(root, entry);
}

module.exports = { ensureBuilt };
