// Leaves V8's compiled code for the CLI bundle beside it (dist/cli.js.cache), for Node versions
// without a compile cache of their own (before 22.1): bin/outcomes-lint.js then skips compiling
// the bundle on each run. The bundle is stamped with a hash of its text, and the cache names that
// stamp, so a cache is never used with another build. Made by running the command once on the
// samples, so the functions a check needs are in it. Build output: never committed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as Module from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli.js');
const cache = `${bundle}.cache`;

/** Writes the stamp before the source map's comment (which stays the last line). */
export function stampBundle() {
  let text = readFileSync(bundle, 'utf8').replace(/\/\/# outcomes-lint-build \S+\n/, '');
  const stamp = createHash('sha256').update(text).digest('hex').slice(0, 32);
  const map = text.lastIndexOf('//# sourceMappingURL=');
  const line = `//# outcomes-lint-build ${stamp}\n`;
  text = map >= 0 ? text.slice(0, map) + line + text.slice(map) : `${text}${text.endsWith('\n') ? '' : '\n'}${line}`;
  writeFileSync(bundle, text);
  return stamp;
}

export function writeCodeCache() {
  rmSync(cache, { force: true });
  if (typeof Module.enableCompileCache === 'function') return false; // Node's own cache does this (bin/outcomes-lint.js)
  stampBundle();
  const samples = ['care-leavers', 'homelessness', 'youth-engagement'].map((name) => path.join(root, 'samples', name)).filter((dir) => existsSync(dir));
  const run = spawnSync(process.execPath, [path.join(root, 'bin', 'outcomes-lint.js'), ...samples], { cwd: root, env: { ...process.env, OUTCOMES_LINT_WRITE_CODE_CACHE: cache }, stdio: 'ignore' });
  // A run that failed leaves no cache behind: the command then compiles the bundle, as before.
  if (run.error || !existsSync(cache)) rmSync(cache, { force: true });
  return existsSync(cache);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeCodeCache();
