/**
 * The shape of the code, as the brief states it: no import cycles (type-only imports count: they
 * tie modules together just the same), the core imports no editor and no door, and the
 * extension reaches into the server's tree only through server/src/protocol.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(relative));
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative);
  }
  return out;
}

/** Every module a file imports or re-exports, type-only included, as written. */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** A relative import resolved to a source file (`x.ts` or `x/index.ts`), repository-relative. */
function resolve(from: string, specifier: string): string | undefined {
  const base = path.posix.join(path.posix.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) return candidate;
  return undefined;
}

const files = [...sources('server/src'), ...sources('client/src')];
const graph = new Map<string, string[]>();
const bare = new Map<string, string[]>();
for (const file of files) {
  const local: string[] = [];
  const packages: string[] = [];
  for (const s of specifiers(file)) {
    if (s.startsWith('.')) {
      const target = resolve(file, s);
      if (target?.endsWith('.ts')) local.push(target);
    } else packages.push(s);
  }
  graph.set(file, local);
  bare.set(file, packages);
}

/** The strongly connected components with more than one module (Tarjan), each sorted. */
function cycles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

describe('imports', () => {
  it('form no cycle, type-only imports included', () => {
    assert.deepEqual(cycles(), []);
  });

  it('keep the core free of editors and of the doors into it', () => {
    const wrong: string[] = [];
    for (const file of files.filter((f) => f.startsWith('server/src/core/'))) {
      for (const s of bare.get(file)!) if (/^vscode(-languageserver|-languageclient|$)/.test(s)) wrong.push(`${file} → ${s}`);
      for (const target of graph.get(file)!) if (!target.startsWith('server/src/core/')) wrong.push(`${file} → ${target}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('keep Node out of the core but for its one host module, so the core runs in a browser', () => {
    const wrong: string[] = [];
    for (const file of files.filter((f) => f.startsWith('server/src/core/') && f !== 'server/src/core/node-host.ts')) {
      for (const s of bare.get(file)!) if (isBuiltin(s)) wrong.push(`${file} → ${s}`);
      if (graph.get(file)!.includes('server/src/core/node-host.ts')) wrong.push(`${file} → server/src/core/node-host.ts`);
    }
    assert.deepEqual(wrong, []);
  });

  it('keep each door out of the other: the language server and the CLI share only the core and the protocol', () => {
    const wrong: string[] = [];
    for (const [from, to] of [['server/src/lsp/', 'server/src/cli/'], ['server/src/cli/', 'server/src/lsp/']]) {
      for (const file of files.filter((f) => f.startsWith(from))) for (const target of graph.get(file)!) if (target.startsWith(to)) wrong.push(`${file} → ${target}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('let the extension into the server\'s tree only through server/src/protocol, which pulls in no core beyond its words', () => {
    const wrong: string[] = [];
    for (const file of files.filter((f) => f.startsWith('client/src/'))) {
      for (const target of graph.get(file)!) if (!target.startsWith('client/src/') && target !== 'server/src/protocol/index.ts') wrong.push(`${file} → ${target}`);
      for (const s of bare.get(file)!) if (!isBuiltin(s) && s !== 'vscode' && !s.startsWith('vscode-languageclient')) wrong.push(`${file} → ${s}`);
    }
    for (const file of files.filter((f) => f.startsWith('server/src/protocol/'))) {
      for (const target of graph.get(file)!) if (!target.startsWith('server/src/protocol/') && target !== 'server/src/core/words.ts' && target !== 'server/src/core/path.ts') wrong.push(`${file} → ${target}`);
      for (const s of bare.get(file)!) if (!isBuiltin(s) && s !== 'vscode-uri') wrong.push(`${file} → ${s}`);
    }
    assert.deepEqual(wrong, []);
  });
});
