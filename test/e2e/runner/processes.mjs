// Every process the e2e run starts goes through here, so that all of them are stopped at the
// end — on success, on a failed test, on Ctrl+C or a CI timeout — by killing its process group.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';

const groups = new Set();
let ledger;

/**
 * Keeps the group ids in `file` too, so that a run killed with SIGKILL (which no handler sees)
 * is cleaned up by the next one. Only groups whose leader still runs something under `marker`
 * are killed: a reused pid of someone else's process is left alone.
 */
export function useLedger(file, marker) {
  if (existsSync(file)) {
    const recorded = new Set(readFileSync(file, 'utf8').split('\n').map(Number).filter(Boolean));
    // The leader may be gone while its group lives on: look for members of each group.
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        if (recorded.has(pgid) && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) signalGroup(pgid, 'SIGKILL');
      } catch { /* gone meanwhile */ }
    }
    rmSync(file, { force: true });
  }
  ledger = file;
}

/** Starts `command` as the leader of a new process group; output goes to `logFile`. */
export function startGroup(command, args, { env, cwd, logFile } = {}) {
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (logFile) {
    const log = createWriteStream(logFile, { flags: 'a' });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  groups.add(child.pid);
  if (ledger && child.pid) appendFileSync(ledger, `${child.pid}\n`);
  child.once('exit', () => groups.delete(child.pid));
  return child;
}

/** TERM to the whole group, then KILL whatever is left after `graceMs`. */
export async function stopGroup(child, graceMs = 3000) {
  const pid = child.pid;
  if (!pid) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pid)) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  groups.delete(pid);
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Synchronous last resort, for exit paths where nothing async runs any more. */
export function killAllGroupsNow() {
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
  groups.clear();
}

let installed = false;
/** Kills every group on exit, Ctrl+C, TERM (CI timeouts) and crashes. */
export function installCleanup(extra = () => {}) {
  if (installed) return;
  installed = true;
  const onSignal = (signal) => {
    process.stderr.write(`\ne2e: ${signal} received, stopping every process this run started\n`);
    try { extra(); } catch { /* best effort */ }
    killAllGroupsNow();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('exit', () => {
    try { extra(); } catch { /* best effort */ }
    killAllGroupsNow();
  });
}

/** Runs a command to completion, echoing nothing unless it fails; throws with its output on failure. */
export function runQuiet(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
    const reason = result.error ? result.error.message : `exit ${result.status ?? result.signal}`;
    throw new Error(`${command} ${args.join(' ')} failed (${reason})\n${output}`);
  }
  return result.stdout ?? '';
}
