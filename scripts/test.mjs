// `npm test`: type-checks, builds the bundles (tests drive the built CLI and server), then runs every
// mocha test. Ends with the line `N passed, N failed`. Pass file globs to run fewer.
import { spawnSync } from 'node:child_process';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
// The browser entries, with the web worker's library and no Node types.
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.web.json']);
run(process.execPath, ['esbuild.mjs']);
const globs = process.argv.slice(2);
run(process.execPath, [
  'node_modules/mocha/bin/mocha.js',
  '--require', 'tsx/cjs',
  '--reporter', 'test/support/reporter.cjs',
  '--timeout', '20000',
  ...(globs.length ? globs : ['test/unit/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/lsp/**/*.test.ts']),
]);
