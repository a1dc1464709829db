#!/usr/bin/env node
// The installed command: runs the bundled CLI (build it first with `npm run build`).
// On Node 22.1 and later, Node's compile cache keeps the compiled bundle between runs (in the
// system's temporary folder, or NODE_COMPILE_CACHE), so a run does not compile 1 MB of
// JavaScript again; older Node has no such cache and compiles it each time.
try {
  require('node:module').enableCompileCache?.();
} catch {
  // A cache that cannot be set up (read-only temporary folder) only costs the compile.
}
require('../dist/cli.js');
