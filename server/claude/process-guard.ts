import { groupMembers, isAlive, PROCESS_TAG_VAR, processStartTime, RESCANS, signalGroup, signalQuietly, taggedProcesses } from "../lib/process-group.ts";

export { groupMembers, isAlive, newProcessTag, PROCESS_TAG_VAR, processStartTime, signalGroup, signalQuietly, stopTagged, stopTaggedOffLoop, taggedProcesses } from "../lib/process-group.ts";

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


function startedAfter(pid: number, startTime: string | null): boolean {
  const started = processStartTime(pid);
  return startTime !== null && started !== null && Number(started) >= Number(startTime);
}
