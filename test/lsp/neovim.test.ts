/** A second, independent LSP client: Neovim's, headless. Skipped where Neovim is not installed. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, repoRoot, serverPath, tempWorkspace } from './client';

const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

(hasNeovim ? describe : describe.skip)('language server from Neovim', () => {
  it('shows diagnostics and the totals lens in Neovim through plain LSP', () => {
    const root = tempWorkspace({
      'housing.framework.yaml': fixture('housing.framework.yaml'),
      'housing.ratecard.yaml': fixture('housing.ratecard.yaml').replace('outcome: accommodation-sustained-26w', 'outcome: accomodation-sustained-26w'),
    });
    const home = fs.mkdtempSync(path.join(root, '.nvim-'));
    const result = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', path.join(root, 'housing.ratecard.yaml'), '-c', `luafile ${path.join(repoRoot, 'test', 'lsp', 'neovim', 'check.lua')}`], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, OF_SERVER: serverPath, OF_ROOT: root, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_STATE_HOME: home, XDG_CACHE_HOME: home },
    });
    const output = `${result.stdout}${result.stderr}`;
    assert.match(output, /13:14 unknown-reference This price line pays for `accomodation-sustained-26w`/);
    assert.match(output, /lens: Max per participant £4,000\.00 · Maximum liability £400,000\.00 · Expected £50,000\.00 · Deadweight £20,000\.00/);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
