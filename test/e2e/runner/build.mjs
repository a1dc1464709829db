// Builds what the editor loads: our extension packaged as a .vsix from the tree (as users get
// it), and the test-only driver extension bundled and packaged beside it.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { runQuiet } from './processes.mjs';

const vsce = (repoRoot) => path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

/** dist/ and outcome-frameworks.vsix, through the project's own scripts. */
export function buildProduct(repoRoot) {
  runQuiet(process.execPath, ['esbuild.mjs'], { cwd: repoRoot });
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const vsix = path.join(repoRoot, `${manifest.name}.vsix`);
  rmSync(vsix, { force: true });
  if (manifest.scripts?.package) runQuiet('npm', ['run', 'package', '--silent'], { cwd: repoRoot });
  else {
    // Until the project has its own `package` script: stage package.json and dist/ alone.
    const stage = path.join(repoRoot, '.e2e', 'package-stage');
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(stage, { recursive: true });
    cpSync(path.join(repoRoot, 'package.json'), path.join(stage, 'package.json'));
    cpSync(path.join(repoRoot, 'dist'), path.join(stage, 'dist'), { recursive: true });
    writeFileSync(path.join(stage, 'README.md'), `# ${manifest.displayName}\n`);
    runQuiet(process.execPath, [vsce(repoRoot), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', vsix], { cwd: stage });
  }
  if (!existsSync(vsix)) throw new Error(`packaging did not produce ${vsix}`);
  return vsix;
}

/** The driver extension: test/e2e/extension bundled (yaml included, vscode external) and packaged. */
export async function buildDriver(repoRoot, outDir) {
  const source = path.join(repoRoot, 'test', 'e2e', 'extension');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(source, 'src', 'extension.ts')],
    outfile: path.join(outDir, 'dist', 'extension.js'),
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline',
    external: ['vscode'], logLevel: 'warning',
  });
  cpSync(path.join(source, 'package.json'), path.join(outDir, 'package.json'));
  writeFileSync(path.join(outDir, 'README.md'), 'Test-only driver for the Outcome Frameworks editor tests.\n');
  writeFileSync(path.join(outDir, '.vscodeignore'), '**/*.map\n');
  const vsix = path.join(path.dirname(outDir), 'outcome-frameworks-e2e.vsix');
  runQuiet(process.execPath, [vsce(repoRoot), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', vsix], { cwd: outDir });
  return { folder: outDir, vsix };
}
