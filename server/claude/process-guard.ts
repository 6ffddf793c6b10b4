import { readFileSync } from "node:fs";

/** The environment variable that tags every process of one launched CLI (the CLI and whatever it starts). */
export const PROCESS_TAG_VAR = "CHATML_PROCESS_TAG";

/** A fresh tag for one launch: random, so a tagged process is ours whatever pids were reused. */
export function newProcessTag(): string {
  return crypto.randomUUID();
}

/**
 * Ties a CLI's life to this server (ADR 0008). Every CLI runs under a tiny `sh` guard that is the leader of its own
 * process group (spawned with `detached`, i.e. setsid), so the CLI and every tool process it starts share one group
 * we can stop as a whole. On Linux the guard runs under `setpriv --pdeathsig HUP`: when the server dies, even by
 * SIGKILL, the kernel sends the guard SIGHUP and the guard SIGKILLs its whole group. The guard also exits at once if
 * the server died before the death signal was armed (its parent is no longer the server).
 *
 * Every process of a launch carries `CHATML_PROCESS_TAG=<random>` in its environment, so tool processes that left the
 * group (Claude Code's Bash tool starts its own session) are still found, by the guard and by a restarted server.
 *
 * The guard hands its stdin to the CLI, ignores SIGTERM/SIGINT (they are for the CLI, which the group kill reaches)
 * and exits the way the CLI did — with the CLI's code, or by re-raising the CLI's signal — so exit reasons stay true.
 */
const GUARD_SCRIPT = [
  'server="$1"; shift',
  '[ "$PPID" = "$server" ] || exit 70',
  "exec 3<&0 </dev/null",
  '"$@" <&3 3<&- &',
  "cli=$!",
  "exec 3<&-",
  // Tools the CLI starts may leave the group (Claude Code's Bash tool runs in a session of its own), but they keep
  // the tag in their environment: stop those first, twice (a loop may fork between the scans), then the group.
  `stop_tagged() { for f in $(grep -l -a -F -e "${PROCESS_TAG_VAR}=$${PROCESS_TAG_VAR}" /proc/[0-9]*/environ 2>/dev/null); do p=\${f#/proc/}; p=\${p%/environ}; [ "$p" = "$$" ] || kill -KILL "$p" 2>/dev/null; done; }`,
  "trap '' TERM INT",
  "trap 'stop_tagged; stop_tagged; kill -KILL 0' HUP",
  'wait "$cli"',
  "rc=$?",
  'if [ "$rc" -gt 128 ]; then trap - TERM INT HUP; kill -s "$(kill -l "$rc")" $$; fi',
  'exit "$rc"',
].join("\n");

let setprivPath: string | null | undefined;

/** `setpriv` (util-linux) on Linux, or null where there is no parent-death signal to arm. */
function parentDeathTool(): string | null {
  if (setprivPath === undefined) setprivPath = process.platform === "linux" ? Bun.which("setpriv") : null;
  return setprivPath;
}

/** The argv that starts `argv` under the guard. Spawn it with `detached: true` so the guard leads its own group. */
export function guardedArgv(argv: string[]): string[] {
  const guard = ["/bin/sh", "-c", GUARD_SCRIPT, "chatml-cli-guard", String(process.pid), ...argv];
  const setpriv = parentDeathTool();
  return setpriv ? [setpriv, "--pdeathsig", "HUP", "--", ...guard] : guard;
}

/** True when this platform kills a guarded CLI by itself when the server dies (Linux with setpriv). */
export function hasParentDeathSignal(): boolean {
  return parentDeathTool() !== null;
}

/** Sends `signal` to the process group `pgid` leads; false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * The kernel's start time of `pid` (clock ticks since boot, field 22 of /proc/<pid>/stat), or null when the process
 * does not exist or the platform has no /proc. With the pid it identifies one process even after pids are reused.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses; the fields after its last ")" are plain.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** The pids of the live members of process group `pgid` (Linux /proc); empty where there is no /proc. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of procEntries()) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[0] is the state (Z = zombie, already dead), fields[2] the process group.
      if (fields[2] === String(pgid) && fields[0] !== "Z") members.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

/** The pids of live processes whose environment carries `tag` (Linux /proc; only our own user's are readable). */
export function taggedProcesses(tag: string): number[] {
  const needle = Buffer.from(`\0${PROCESS_TAG_VAR}=${tag}\0`);
  const found: number[] = [];
  for (const entry of procEntries()) {
    try {
      const environ = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${entry}/environ`), Buffer.from([0])]);
      if (environ.includes(needle) && Number(entry) !== process.pid && isAlive(Number(entry))) found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/** SIGKILLs every live process carrying `tag` (what is left of a launch); how many there were. */
export function stopTagged(tag: string): number {
  const pids = taggedProcesses(tag);
  for (const pid of pids) signalQuietly(pid, "SIGKILL");
  return pids.length;
}

function procEntries(): string[] {
  try {
    return [...new Bun.Glob("[0-9]*").scanSync({ cwd: "/proc", onlyFiles: false })];
  } catch {
    return [];
  }
}

/** A CLI this server (or an earlier run of it) launched: its guard's pid (also its group id) and its tag. */
export type RecordedProcess = { pid: number; startTime: string | null; tag: string | null };

/**
 * Stops what is left of a recorded CLI: every live process carrying its tag, its whole group when the guard is still
 * the process we launched (same start time), or, with the guard gone, the group's members that started after it.
 * Waits (bounded) until they are gone. Returns how many processes it stopped.
 *
 * One scan is not enough: a process in the middle of `exec` shows an empty environment for a moment, and a tool may
 * fork after the scan and before its parent dies. So the tag is scanned again until the stopped ones are gone and
 * the last scans found nothing new.
 */
export async function stopLeftover(recorded: RecordedProcess, waitMs = 3000): Promise<number> {
  const guardStart = processStartTime(recorded.pid);
  const isOurGuard = recorded.startTime !== null && guardStart === recorded.startTime;
  const scanTagged = () => (recorded.tag ? taggedProcesses(recorded.tag) : []);
  // A live process with another start time only reuses the pid: its group is not ours. With the guard gone, its
  // group can only be what the guard left behind (a group id stays taken while a member lives).
  const grouped = isOurGuard ? groupMembers(recorded.pid) : guardStart === null ? groupMembers(recorded.pid).filter((pid) => startedAfter(pid, recorded.startTime)) : [];
  const stopped = new Set<number>();
  const stop = (pids: number[]) => {
    for (const pid of pids) {
      stopped.add(pid);
      signalQuietly(pid, "SIGKILL");
    }
  };
  const members = [...scanTagged(), ...grouped];
  if (members.length === 0) return 0;
  if (isOurGuard) signalGroup(recorded.pid, "SIGKILL");
  stop(members);
  const deadline = Date.now() + waitMs;
  for (let quietScans = 0; quietScans < RESCANS && Date.now() < deadline; ) {
    await Bun.sleep(20);
    const found = scanTagged();
    stop(found);
    quietScans = found.length === 0 && ![...stopped].some(isAlive) ? quietScans + 1 : 0;
  }
  return stopped.size;
}

/** How many scans in a row must find no live tagged process before a leftover counts as stopped. */
const RESCANS = 3;

function startedAfter(pid: number, startTime: string | null): boolean {
  const started = processStartTime(pid);
  return startTime !== null && started !== null && Number(started) >= Number(startTime);
}

/** Sends `signal` to `pid`, ignoring a process that is already gone. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** Whether `pid` is a live process (not gone, not a zombie); Linux /proc. */
export function isAlive(pid: number): boolean {
  const stat = (() => {
    try {
      return readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      return null;
    }
  })();
  return stat !== null && stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
}
