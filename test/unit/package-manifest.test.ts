/**
 * package.json says what ships and what it needs. The bundles in dist/ are what ships (the .vsix
 * and the npm package both hold them): every library is bundled in, so every package is a
 * devDependency, and the bundles must need nothing at run time but Node (and VS Code, for the
 * client). Every package the code or the tests import is declared.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'fixtures') out.push(...sourceFiles(relative));
    } else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name)) out.push(relative);
  }
  return out;
}

/** The bare module names a file imports or requires (static and dynamic). */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:(?:^|\s)from\s*|\bimport\s*\(\s*|\brequire(?:\.resolve)?\s*\(\s*|^\s*import\s+)['"]([^'"\s]+)['"]/gm)) out.push(m[1]);
  return out.filter((name) => !name.startsWith('.') && !name.startsWith('/'));
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const builtins = new Set(builtinModules);
const isBuiltin = (name: string) => name.startsWith('node:') || builtins.has(name);

describe('package.json', () => {
  it('hands the YAML extension only the schema of .outcomes-lint.yaml (or .yml), so no mistake in a framework or rate card is reported twice', () => {
    const validation = manifest.contributes.yamlValidation as { fileMatch: string[]; url: string }[];
    assert.deepEqual(validation.flatMap((v) => v.fileMatch), ['.outcomes-lint.yaml', '.outcomes-lint.yml']);
    assert.ok(fs.existsSync(path.join(root, validation[0].url)));
  });

  it('scopes trace.server to the window (one server per window) and the other settings to folders', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { scope: string }>;
    assert.equal(properties['outcomeFrameworks.trace.server'].scope, 'window');
    for (const [name, property] of Object.entries(properties)) if (name !== 'outcomeFrameworks.trace.server') assert.equal(property.scope, 'resource', name);
  });

  it('declares every package the code, the tests, the scripts and the benchmark import', () => {
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
    const missing: string[] = [];
    for (const file of ['server/src', 'client/src', 'test', 'bench', 'scripts'].flatMap(sourceFiles).concat('esbuild.mjs')) {
      for (const specifier of importsOf(fs.readFileSync(path.join(root, file), 'utf8'))) {
        const name = packageName(specifier);
        // `vscode` is the editor's own API at run time (its types are @types/vscode); `virtual:` ids are
        // made by esbuild.mjs itself (the workbook writer embedded as text), not packages.
        if (isBuiltin(name) || name === 'vscode' || specifier.startsWith('virtual:') || declared.has(name)) continue;
        missing.push(`${file}: ${specifier}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('ships self-contained bundles: they require nothing but Node built-ins (and vscode, in the client)', () => {
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), [], 'a runtime dependency would be installed beside a bundle that already holds it');
    for (const [bundle, allowed] of [['dist/cli.js', []], ['dist/server.js', []], ['dist/client.js', ['vscode']]] as const) {
      const text = fs.readFileSync(path.join(root, bundle), 'utf8');
      // Calls, not code held in strings (ajv's generated-code snippets say 'require("ajv/…")').
      const required = [...text.matchAll(/(?<!['"\w.$])require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      assert.ok(required.length > 0, `${bundle}: no require() found; has the bundle format changed?`);
      const outside = [...new Set(required.filter((name) => !isBuiltin(name) && !(allowed as readonly string[]).includes(name)))];
      assert.deepEqual(outside, [], `${bundle} requires packages that are not in it`);
    }
  });
});
