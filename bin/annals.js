#!/usr/bin/env node
// The `annals` command. It runs the compiled CLI: a published or containerised install has no
// TypeScript toolchain, and `npm start` builds into the same dist/ anyway.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  console.error(`annals: ${entry} is missing: run \`npm run build\` first`);
  process.exit(1);
}
require(entry);
