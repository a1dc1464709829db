// `npm run demo`: the main job. Builds, lints the clean samples, prints their payment totals,
// shows what the broken samples' mistakes and the perverse sample's incentives look like, and
// packages the extension.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const step = (title, command, args, { allowFailure = false } = {}) => {
  process.stdout.write(`\n== ${title}\n$ ${[command === process.execPath ? 'node' : command, ...args].join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0 && !allowFailure) {
    process.stderr.write(`demo: "${title}" failed (exit ${result.status})\n`);
    process.exit(result.status ?? 1);
  }
  return result.status;
};

step('Build', process.execPath, ['esbuild.mjs']);
const programmes = readdirSync('samples', { withFileTypes: true }).filter((d) => d.isDirectory() && !['broken', 'perverse'].includes(d.name)).map((d) => `samples/${d.name}`);
step('Lint the samples', process.execPath, ['dist/cli.js', ...programmes]);
const rateCards = programmes.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.ratecard.yaml')).map((f) => `${dir}/${f}`));
if (rateCards.length) step('Payment totals', process.execPath, ['dist/cli.js', 'totals', ...rateCards], { allowFailure: true });
if (existsSync('samples/broken')) step('The mistakes analysts make (exit 1 expected)', process.execPath, ['dist/cli.js', 'samples/broken'], { allowFailure: true });
if (existsSync('samples/perverse')) step('Perverse incentives the rules find (exit 1 expected)', process.execPath, ['dist/cli.js', 'samples/perverse'], { allowFailure: true });
if (existsSync('node_modules/@vscode/vsce')) {
  step('Package the extension', 'npm', ['run', '--silent', 'package']);
  process.stdout.write('\nInstall it in VS Code with:\n  code --install-extension outcome-frameworks.vsix\nthen open the samples folder: diagnostics, hovers, fixes, totals above each rate card and the payment preview (Outcome Frameworks: Show Payment Preview).\n');
}
