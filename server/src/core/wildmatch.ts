/**
 * git's wildmatch (the matcher of `.gitignore`, with WM_PATHNAME), in time linear in the name.
 *
 * git matches by recursion that backtracks; a pattern such as `*a*a*a*a*a*a*a*a*a*a*a*a*a*ac` then
 * takes exponential time on a name of forty letters. Here a pattern is compiled once into a list of
 * steps and the name is read once, left to right, keeping the set of steps reached (a
 * non-deterministic automaton): at most (pattern length + 1) states per byte of the name, however
 * the pattern is written. Semantics are git's, on UTF-8 bytes, case-sensitive:
 *
 * - `?` one byte but `/`; `*` any run of bytes without `/`; `[...]` a class (`!` or `^` negates,
 *   ranges, `[:alpha:]` and the other POSIX names, `\` escapes) never matching `/`;
 * - `**` between slashes (or at either end) crosses folders: `**\/x` also matches `x`, `a/**\/b`
 *   also `a/b`, `a/**` everything inside `a`; any other `**` is a `*`;
 * - `\x` is `x`; a pattern ending in a lone `\`, an unclosed `[` or an unknown `[:name:]` matches
 *   nothing (git aborts the match).
 *
 * test/unit/wildmatch.test.ts checks this against a direct port of git's recursive matcher.
 */

/** Step codes: 0–255 a literal byte; then these. A class is CLASS + its index. */
const ANY = 256;
const STAR = 257;
const STAR_SLASH = 258;
/** `**\/`: may skip the next two steps (zero folders). */
const SKIP_TWO = 259;
const CLASS = 260;
const SLASH = 0x2f;

export interface Wildmatch {
  /** Whether the whole of `name` (a `/`-separated path) matches. */
  matches(name: string): boolean;
  /** The work of the last `matches` call: steps of the automaton (for a caller's time bound). */
  lastWork: number;
}

const encoder = new TextEncoder();

export function compileWildmatch(pattern: string): Wildmatch {
  const p = encoder.encode(pattern);
  const steps: number[] = [];
  const classes: Uint8Array[] = [];
  let never = false;
  let i = 0;
  while (i < p.length && !never) {
    const c = p[i];
    if (c === 0x5c /* \ */) {
      if (i + 1 >= p.length) never = true;
      else steps.push(p[i + 1]);
      i += 2;
    } else if (c === 0x3f /* ? */) {
      steps.push(ANY);
      i++;
    } else if (c === 0x2a /* * */) {
      let j = i;
      while (p[j] === 0x2a) j++;
      const twoOrMore = j - i >= 2;
      const slashBefore = i === 0 || p[i - 1] === SLASH;
      const slashAfter = j === p.length || p[j] === SLASH || (p[j] === 0x5c && p[j + 1] === SLASH);
      if (twoOrMore && slashBefore && slashAfter) {
        if (p[j] === SLASH) {
          steps.push(SKIP_TWO, STAR_SLASH, SLASH);
          j++;
        } else steps.push(STAR_SLASH);
      } else steps.push(STAR);
      i = j;
    } else if (c === 0x5b /* [ */) {
      const parsed = parseClass(p, i);
      if (!parsed) never = true;
      else {
        steps.push(CLASS + classes.length);
        classes.push(parsed.set);
        i = parsed.end;
      }
    } else {
      steps.push(c);
      i++;
    }
  }
  const code = Int32Array.from(steps);
  const literal = !never && steps.every((s) => s < 256);
  const literalText = literal ? new TextDecoder().decode(Uint8Array.from(steps)) : '';
  // `**/name`, the commonest ignore line (`node_modules`, `build`): the name itself, or `/name` at the end.
  const anyFolder = !never && steps.length > 3 && steps[0] === SKIP_TWO && steps[1] === STAR_SLASH && steps[2] === SLASH && steps.slice(3).every((s) => s < 256);
  const anyFolderText = anyFolder ? new TextDecoder().decode(Uint8Array.from(steps.slice(3))) : '';
  // The bytes every match must end with (the literal steps after the last wildcard): a cheap refusal first.
  let tail = code.length;
  while (tail > 0 && code[tail - 1] < 256 && !(tail >= 3 && code[tail - 3] === SKIP_TWO)) tail--; // the `/` of `**/` may be skipped
  const suffix = Uint8Array.from(code.subarray(tail));
  const size = code.length + 1;
  let current = new Uint8Array(size);
  let next = new Uint8Array(size);

  const close = (states: Uint8Array) => {
    // Empty moves only go forward: one pass in order reaches every state they lead to.
    for (let s = 0; s < code.length; s++) {
      if (!states[s]) continue;
      const step = code[s];
      if (step === STAR || step === STAR_SLASH) states[s + 1] = 1;
      else if (step === SKIP_TWO) {
        states[s + 1] = 1;
        states[s + 3] = 1;
      }
    }
  };

  const matcher: Wildmatch = {
    lastWork: 0,
    matches(name: string): boolean {
      if (never) {
        matcher.lastWork = 1;
        return false;
      }
      if (literal || anyFolder) {
        matcher.lastWork = name.length;
        return literal ? name === literalText : name === anyFolderText || (name.endsWith(anyFolderText) && name.charCodeAt(name.length - anyFolderText.length - 1) === SLASH);
      }
      const t = encoder.encode(name);
      matcher.lastWork = suffix.length;
      if (t.length < suffix.length) return false;
      for (let k = 1; k <= suffix.length; k++) if (t[t.length - k] !== suffix[suffix.length - k]) return false;
      current.fill(0);
      current[0] = 1;
      close(current);
      let work = size;
      for (let at = 0; at < t.length; at++) {
        const byte = t[at];
        next.fill(0);
        let alive = false;
        for (let s = 0; s < code.length; s++) {
          if (!current[s]) continue;
          const step = code[s];
          let to = -1;
          if (step < 256) {
            if (step === byte) to = s + 1;
          } else if (step === ANY) {
            if (byte !== SLASH) to = s + 1;
          } else if (step === STAR) {
            if (byte !== SLASH) to = s;
          } else if (step === STAR_SLASH) to = s;
          else if (step >= CLASS) {
            if (classes[step - CLASS][byte]) to = s + 1;
          }
          if (to >= 0) {
            next[to] = 1;
            alive = true;
          }
        }
        work += size;
        if (!alive) {
          matcher.lastWork = work;
          return false;
        }
        close(next);
        [current, next] = [next, current];
      }
      matcher.lastWork = work;
      return current[code.length] === 1;
    },
  };
  return matcher;
}

/** A bracket expression from `[` at `start`, as git reads it; undefined when git would abort the match. */
function parseClass(p: Uint8Array, start: number): { set: Uint8Array; end: number } | undefined {
  const set = new Uint8Array(256);
  let i = start + 1;
  let c = p[i];
  if (c === 0x5e /* ^ */) c = 0x21;
  const negated = c === 0x21; /* ! */
  if (negated) c = p[++i];
  let previous = 0;
  for (;;) {
    if (i >= p.length) return undefined;
    c = p[i];
    if (c === 0x5c) {
      if (++i >= p.length) return undefined;
      c = p[i];
      set[c] = 1;
    } else if (c === 0x2d /* - */ && previous && i + 1 < p.length && p[i + 1] !== 0x5d) {
      c = p[++i];
      if (c === 0x5c) {
        if (++i >= p.length) return undefined;
        c = p[i];
      }
      for (let b = previous; b <= c; b++) set[b] = 1;
      c = 0;
    } else if (c === 0x5b && p[i + 1] === 0x3a /* [: */) {
      const s = i + 2;
      let k = s;
      while (k < p.length && p[k] !== 0x5d) k++;
      if (k >= p.length) return undefined;
      if (k - s - 1 < 0 || p[k - 1] !== 0x3a) {
        // No `:]`: the `[` is an ordinary member and reading goes on after it.
        set[0x5b] = 1;
        c = 0x5b;
      } else {
        const test = POSIX_CLASSES[new TextDecoder().decode(p.subarray(s, k - 1))];
        if (!test) return undefined;
        for (let b = 0; b < 128; b++) if (test(b)) set[b] = 1;
        i = k;
        c = 0;
      }
    } else set[c] = 1;
    previous = c;
    i++;
    if (p[i] === 0x5d /* ] */) break;
  }
  if (negated) for (let b = 0; b < 256; b++) set[b] = set[b] ? 0 : 1;
  set[SLASH] = 0;
  return { set, end: i + 1 };
}

const isUpper = (b: number) => b >= 0x41 && b <= 0x5a;
const isLower = (b: number) => b >= 0x61 && b <= 0x7a;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isAlnum = (b: number) => isUpper(b) || isLower(b) || isDigit(b);
const isGraph = (b: number) => b >= 0x21 && b <= 0x7e;

/** The POSIX class names git knows, on ASCII bytes (git's own ctype: no locale). */
const POSIX_CLASSES: Record<string, (b: number) => boolean> = {
  alnum: isAlnum,
  alpha: (b) => isUpper(b) || isLower(b),
  blank: (b) => b === 0x20 || b === 0x09,
  cntrl: (b) => b < 0x20 || b === 0x7f,
  digit: isDigit,
  graph: isGraph,
  lower: isLower,
  print: (b) => b >= 0x20 && b <= 0x7e,
  punct: (b) => isGraph(b) && !isAlnum(b),
  space: (b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d,
  upper: isUpper,
  xdigit: (b) => isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66),
};
