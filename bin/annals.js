#!/usr/bin/env node
// The `annals` command. It runs the compiled CLI, building it first when run from a checkout whose
// dist/ is missing or stale (`npm ci && npx annals demo` just works); an install without sources
// (a container image) runs dist/ as it is.
const { ensureBuilt } = require('../scripts/ensure-built');

require(ensureBuilt('dist/apps/cli/src/main.js', 'annals'));
