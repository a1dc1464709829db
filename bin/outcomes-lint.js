#!/usr/bin/env node
// The installed command: runs the bundled CLI (build it first with `npm run build`).
// Compiling the 3 MB bundle is a good part of a short run. On Node 22.1 and later, Node's compile
// cache keeps the compiled bundle between runs (in the system's temporary folder, or
// NODE_COMPILE_CACHE). On older Node, the build leaves V8's code for the bundle beside it
// (dist/cli.js.cache, made by scripts/code-cache.mjs): it is used when it was made from this very
// bundle (the build's stamp at the bundle's end) by this V8 with these flags, and ignored otherwise,
// so the command works the same with it, without it, or with a stale one.
'use strict';
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');

/** The bundle compiled from V8's cached code, ready to run; undefined when there is none to use (then it is required as usual). */
function fromCodeCache() {
  const Module = require('node:module');
  if (typeof Module.enableCompileCache === 'function') {
    try {
      Module.enableCompileCache();
    } catch {
      // A cache that cannot be set up (read-only temporary folder) only costs the compile.
    }
    return undefined;
  }
  const writing = process.env.OUTCOMES_LINT_WRITE_CODE_CACHE;
  const fs = require('node:fs');
  let source;
  let cached;
  try {
    source = fs.readFileSync(bundle, 'utf8');
    if (!writing) cached = fs.readFileSync(`${bundle}.cache`);
  } catch {
    return undefined;
  }
  // The cache names the build it was made from: the stamp esbuild.mjs writes at the bundle's end.
  const stamp = /\/\/# outcomes-lint-build (\S+)\n/.exec(source.slice(-500))?.[1];
  if (!stamp) return undefined;
  const header = Buffer.from(`outcomes-lint-build ${stamp}\n`);
  let cachedData;
  if (!writing) {
    if (cached.length <= header.length || !cached.subarray(0, header.length).equals(header)) return undefined;
    cachedData = cached.subarray(header.length);
  }
  const vm = require('node:vm');
  // Wrapped as Node wraps a CommonJS module; the first line's `#!` kept as a comment of the same length.
  const wrapped = Module.wrap(source.startsWith('#!') ? `//${source.slice(2)}` : source);
  let script;
  try {
    script = new vm.Script(wrapped, { filename: bundle, cachedData });
  } catch {
    return undefined;
  }
  const module_ = new Module(bundle, module);
  module_.filename = bundle;
  module_.paths = Module._nodeModulePaths(path.dirname(bundle));
  module_.loaded = true;
  if (writing) {
    // The build's run on the samples: the functions it compiled go into the cache with the top level.
    process.once('exit', () => fs.writeFileSync(writing, Buffer.concat([header, script.createCachedData()])));
  }
  // For the tests: whether V8 took the cached code (it refuses code of another V8, other flags or another text).
  if (process.env.OUTCOMES_LINT_CODE_CACHE_REPORT) process.stderr.write(`code cache: ${writing ? 'writing' : script.cachedDataRejected ? 'refused' : 'used'}\n`);
  const compiled = script.runInThisContext();
  return () => compiled.call(module_.exports, module_.exports, Module.createRequire(bundle), module_, bundle, path.dirname(bundle));
}

// A check of a few files is over before V8's optimising compiler (TurboFan) pays for itself: with
// its default budget it compiles functions on a second thread (about a tenth of the instructions
// of a run on the samples) whose code is used a few times, or thrown away. Sixteen times the
// budget leaves a short run in the interpreter and baseline code, and still optimises what a long
// run keeps running (hundreds of files and a 1,000-outcome framework ran faster too:
// docs/performance.md). Only on V8 11 (Node 20), where it was measured and the flag exists (V8
// prints an error for a flag it does not know). Set before the bundle is compiled: V8 keys its
// cached code to the flags, and the build's run that writes the cache sets the same.
if (/^11\./.test(process.versions.v8)) require('node:v8').setFlagsFromString('--interrupt-budget=1081344');

let run;
try {
  run = fromCodeCache();
} catch {
  // A cache that cannot be read or used costs only the compile.
}
if (run) run();
else require(bundle);
