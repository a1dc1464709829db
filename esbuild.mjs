// Bundles the client, the language server and the CLI into dist/ (CommonJS, Node, source maps),
// and the client and server again for the browser.
// The JSON Schemas are compiled into standalone validator code first.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

execFileSync(process.execPath, ['scripts/gen-validators.mjs'], { stdio: 'inherit' });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
};

// The totals workbook writer (exceljs) is bundled on its own and embedded in the CLI as text,
// compiled only when `totals --format xlsx` runs (totals-formats/xlsx-load.ts): the CLI stays
// one file, and other commands do not pay for compiling 3.5 MB they never run.
const workbookAsText = {
  name: 'workbook-as-text',
  setup(build) {
    build.onResolve({ filter: /^virtual:workbook-writer$/ }, (args) => ({ path: args.path, namespace: 'workbook-writer' }));
    build.onLoad({ filter: /.*/, namespace: 'workbook-writer' }, async () => {
      const result = await esbuild.build({ ...common, entryPoints: ['server/src/cli/totals-formats/xlsx.ts'], sourcemap: false, minify: true, write: false, logLevel: 'error' });
      return { contents: `module.exports = ${JSON.stringify(result.outputFiles[0].text)};`, loader: 'js' };
    });
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, define: { ...common.define, __WORKBOOK_AS_TEXT__: 'true' }, plugins: [workbookAsText] },
];

// The same extension for the browser (vscode.dev, github.dev, code-server's web worker host): the
// client and the server built for a web worker, each `.web.ts` twin (connection, files, rule docs,
// head delta, language client) taking the place of its Node module; the rule pages bundled as text.
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  resolveExtensions: ['.web.ts', '.ts', '.js', '.mjs', '.json'],
  loader: { '.md': 'text' },
};
builds.push(
  { ...web, format: 'cjs', entryPoints: ['client/src/extension.ts'], outfile: 'dist/client-web.js' },
  { ...web, format: 'iife', entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server-web.js' },
);

/**
 * esbuild escapes non-ASCII characters in strings but keeps them in comments and regular
 * expressions. One such character makes Node read the whole 3 MB bundle as a two-byte string
 * (UTF-8 decoded, twice the memory): about 10 ms of every CLI start. Escaped as `\uXXXX`, which
 * means the same in a string, a regular expression, a template or an identifier, and reads the
 * same in a comment.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) writeFileSync(file, ascii);
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  asciiOnly('dist/cli.js');
  // V8's code for the CLI bundle, beside it, for Node without a compile cache (scripts/code-cache.mjs).
  const { writeCodeCache } = await import('./scripts/code-cache.mjs');
  writeCodeCache();
}
