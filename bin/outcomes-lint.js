#!/usr/bin/env node
// The installed command: runs the bundled CLI (build it first with `npm run build`).
require('../dist/cli.js');
