#!/usr/bin/env node
'use strict';
// The CLI runs from its compiled output; build it once if this clone has not been built yet.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
if (!existsSync(join(root, 'dist', 'main.js'))) {
  process.stderr.write('pitrix: building the CLI (first run)...\n');
  execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), 'run', '@pitrix/cli:build', '--output-style=static'], {
    cwd: join(root, '..', '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
}
require('../dist/main.js');
