// The built CLI as the reference for what editors must show (Node side of the e2e run).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function makeCli(repoRoot) {
  const cliPath = path.join(repoRoot, 'dist', 'cli.js');
  const run = (args, cwd) => {
    const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30000 });
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  };
  const findings = (file, root) => {
    const r = run([path.relative(root, file), '--format', 'json', '--root', root], root);
    if (r.status !== 0 && r.status !== 1) throw new Error(`outcomes-lint failed on ${file}: ${r.stderr}`);
    return JSON.parse(r.stdout).find((entry) => path.resolve(root, entry.filePath) === file)?.messages ?? [];
  };
  const totals = (file, root) => {
    const r = run(['totals', path.relative(root, file), '--format', 'json'], root);
    if (r.status !== 0) throw new Error(`outcomes-lint totals failed on ${file} (exit ${r.status}): ${r.stderr}`);
    const parsed = JSON.parse(r.stdout);
    return Array.isArray(parsed) ? parsed[0] : parsed;
  };
  const totalsOfText = (file, root, text) => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'of-e2e-'));
    cpSync(root, copy, { recursive: true });
    try {
      const target = path.join(copy, path.relative(root, file));
      writeFileSync(target, text);
      return totals(target, copy);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  };
  return { cliPath, run, findings, totals, totalsOfText };
}

export function filesUnder(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, suffix));
    else if (name.endsWith(suffix)) out.push(full);
  }
  return out;
}

/** The first rate card outside broken/ with no errors, and the first broken rate card with findings. */
export function pickSamples(cli, root) {
  const cards = filesUnder(root, '.ratecard.yaml');
  const isBroken = (file) => file.split(path.sep).includes('broken');
  const good = cards.find((file) => !isBroken(file) && !cli.findings(file, root).some((m) => m.severity === 'error'));
  const brokenEntry = cards.filter(isBroken).map((file) => ({ file, findings: cli.findings(file, root) })).find((e) => e.findings.length > 0);
  return { good, broken: brokenEntry?.file, brokenFindings: brokenEntry?.findings ?? [] };
}
