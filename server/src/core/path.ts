/**
 * File paths for the core, in Node and in a browser alike. The core names files by path; in
 * Node those are the machine's paths (backslashes and drive letters on Windows), so the Node
 * host installs Node's own `path` here (`usePathFlavour`) and every call goes to it unchanged.
 * In a browser there is no machine: files are URIs of any scheme, each named by a POSIX-style
 * path (see protocol/uri.ts), and the POSIX rules below are used. They follow Node's
 * `path.posix` (test/unit/path.test.ts compares the two on generated paths).
 */

export interface PathFlavour {
  sep: string;
  resolve(...paths: string[]): string;
  normalize(p: string): string;
  isAbsolute(p: string): boolean;
  join(...paths: string[]): string;
  relative(from: string, to: string): string;
  dirname(p: string): string;
  basename(p: string, suffix?: string): string;
  extname(p: string): string;
}

/** Resolves `.` and `..` segments; `allowAboveRoot` keeps leading `..` of a relative path. */
function normalizeSegments(p: string, allowAboveRoot: boolean): string {
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else out.push(segment);
  }
  return out.join('/');
}

function posixResolve(...paths: string[]): string {
  let resolved = '';
  let absolute = false;
  for (let i = paths.length - 1; i >= -1 && !absolute; i--) {
    // A browser has no working folder: the root stands for it.
    const p = i >= 0 ? paths[i] : '/';
    if (!p) continue;
    resolved = `${p}/${resolved}`;
    absolute = p.startsWith('/');
  }
  const normal = normalizeSegments(resolved, !absolute);
  return absolute ? `/${normal}` : normal || '.';
}

function posixNormalize(p: string): string {
  if (!p) return '.';
  const absolute = p.startsWith('/');
  const trailing = p.endsWith('/');
  let normal = normalizeSegments(p, !absolute);
  if (!normal && !absolute) normal = '.';
  if (normal && trailing) normal += '/';
  return absolute ? `/${normal}` : normal;
}

function posixRelative(from: string, to: string): string {
  if (from === to) return '';
  const a = posixResolve(from).split('/').filter(Boolean);
  const b = posixResolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...Array<string>(a.length - common).fill('..'), ...b.slice(common)].join('/');
}

function posixDirname(p: string): string {
  if (!p) return '.';
  const absolute = p.startsWith('/');
  let end = -1;
  let trailing = true;
  for (let i = p.length - 1; i >= 1; i--) {
    if (p[i] === '/') {
      if (!trailing) {
        end = i;
        break;
      }
    } else trailing = false;
  }
  if (end === -1) return absolute ? '/' : '.';
  if (absolute && end === 1) return '//';
  return p.slice(0, end);
}

function posixBasename(p: string, suffix?: string): string {
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end--;
  const base = p.slice(p.lastIndexOf('/', end - 1) + 1, end);
  return suffix !== undefined && suffix !== base && base.endsWith(suffix) ? base.slice(0, base.length - suffix.length) : base;
}

function posixExtname(p: string): string {
  const base = posixBasename(p);
  const dot = base.lastIndexOf('.');
  return dot <= 0 || (base === '..') ? '' : base.slice(dot);
}

export const posix: PathFlavour = {
  sep: '/',
  resolve: posixResolve,
  normalize: posixNormalize,
  isAbsolute: (p) => p.startsWith('/'),
  join: (...paths) => {
    const joined = paths.filter((p) => p.length > 0).join('/');
    return joined ? posixNormalize(joined) : '.';
  },
  relative: posixRelative,
  dirname: posixDirname,
  basename: posixBasename,
  extname: posixExtname,
};

let flavour: PathFlavour = posix;
/** The separator of the paths in use: `\\` for Windows paths, `/` everywhere else. */
export let sep = '/';

/** The Node host calls this with Node's `path`, so the CLI and the server keep the machine's own rules. */
export function usePathFlavour(next: PathFlavour): void {
  flavour = next;
  sep = next.sep;
}

export const resolve = (...paths: string[]): string => flavour.resolve(...paths);
export const normalize = (p: string): string => flavour.normalize(p);
export const isAbsolute = (p: string): boolean => flavour.isAbsolute(p);
export const join = (...paths: string[]): string => flavour.join(...paths);
export const relative = (from: string, to: string): string => flavour.relative(from, to);
export const dirname = (p: string): string => flavour.dirname(p);
export const basename = (p: string, suffix?: string): string => flavour.basename(p, suffix);
export const extname = (p: string): string => flavour.extname(p);
