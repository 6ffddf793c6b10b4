import { readFileSync } from "node:fs";

/*
 * Process groups and tagged processes (Linux /proc): the one place ChatML signals a group or finds what a launch left.
 * The CLI guard, one-shot CLIs, setup scripts and git all stop their processes through these.
 */

/** The environment variable that tags every process of one launch (a CLI, a git action) and whatever it starts. */
export const PROCESS_TAG_VAR = "CHATML_PROCESS_TAG";

/** A fresh tag for one launch: random, so a tagged process is ours whatever pids were reused. */
export function newProcessTag(): string {
  return crypto.randomUUID();
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
  const needle = tagNeedle(tag);
  const found: number[] = [];
  for (const entry of procEntries()) {
    try {
      if (carriesTag(entry, readFileSync(`/proc/${entry}/environ`), needle)) found.push(Number(entry));
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

/**
 * {@link stopTagged} without holding the event loop: every process's environment is read off the loop. A CLI's exit
 * scans /proc twice (2–5 ms each with ~100 processes, more on a busy machine), and twenty of them ending together (a
 * turn's title one-shots) held every conversation's deltas for that long (ADR 0136's trace).
 */
export async function stopTaggedOffLoop(tag: string): Promise<number> {
  // Loaded on the first exit, not at start: a start loads only the cheap runtime modules (startup-imports.test.ts).
  const { readFile } = await import("node:fs/promises");
  const needle = tagNeedle(tag);
  const entries = procEntries();
  const pids: number[] = [];
  // A few reads at a time: all at once, their answers came back together and were handled in one long turn.
  for (let start = 0; start < entries.length; start += OFF_LOOP_READS) {
    const matches = await Promise.all(
      entries.slice(start, start + OFF_LOOP_READS).map(async (entry) => {
        try {
          return carriesTag(entry, await readFile(`/proc/${entry}/environ`), needle) ? Number(entry) : null;
        } catch {
          return null; // Gone, or not ours to read.
        }
      }),
    );
    for (const pid of matches) if (pid !== null) pids.push(pid);
  }
  for (const pid of pids) signalQuietly(pid, "SIGKILL");
  return pids.length;
}

/** How many environments {@link stopTaggedOffLoop} reads at once. */
const OFF_LOOP_READS = 8;

const ENTRY_SEPARATOR = Buffer.from([0]);

/** The bytes a tagged environment holds: the variable whole, between the NULs that separate its entries. */
function tagNeedle(tag: string): Buffer {
  return Buffer.from(`\0${PROCESS_TAG_VAR}=${tag}\0`);
}

/** Whether /proc entry `entry`, whose environment is `environ`, is a live process of the tag other than this one. */
function carriesTag(entry: string, environ: Buffer, needle: Buffer): boolean {
  const isTagged = Buffer.concat([ENTRY_SEPARATOR, environ, ENTRY_SEPARATOR]).includes(needle);
  return isTagged && Number(entry) !== process.pid && isAlive(Number(entry));
}

/** The numbered entries of `dir`: processes in /proc, threads in /proc/<pid>/task. */
function procEntries(dir = "/proc"): string[] {
  try {
    return [...new Bun.Glob("[0-9]*").scanSync({ cwd: dir, onlyFiles: false })];
  } catch {
    return [];
  }
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

/** How many scans in a row must find no live tagged process before a launch counts as stopped. */
export const RESCANS = 3;

/**
 * Asks the group `pgid` leads to end (SIGTERM: git removes its lock files on it, where SIGKILL would leave
 * `index.lock` behind) and SIGKILLs what is left of it `graceMs` later. False when the group is gone.
 */
export function terminateGroup(pgid: number, graceMs: number): boolean {
  if (!signalGroup(pgid, "SIGTERM")) return false;
  setTimeout(() => signalGroup(pgid, "SIGKILL"), graceMs).unref();
  return true;
}

/**
 * Ends every process carrying `tag`: SIGTERM first (lock files are removed) and, `graceMs` later, SIGKILL until
 * {@link RESCANS} scans in a row find none (a process in the middle of `exec` shows an empty environment for a
 * moment, and one may fork between scans), for at most `waitMs` more. Answers how many it stopped.
 */
export async function stopTaggedUntilGone(tag: string, graceMs: number, waitMs = 2000): Promise<number> {
  const asked = taggedProcesses(tag);
  for (const pid of asked) signalQuietly(pid, "SIGTERM");
  for (const end = Date.now() + graceMs; asked.some(isAlive) && Date.now() < end; ) await Bun.sleep(20);
  let stopped = asked.length;
  const deadline = Date.now() + waitMs;
  for (let quietScans = 0; quietScans < RESCANS && Date.now() < deadline; ) {
    const found = stopTagged(tag);
    stopped += found;
    quietScans = found === 0 ? quietScans + 1 : 0;
    await Bun.sleep(20);
  }
  return stopped;
}

/**
 * Pauses what the process `leader` started, and what those started, but not `leader` itself: each is SIGSTOPped
 * before its own children are read, so a stopped one starts none meanwhile. The leader is the process guard (ADR
 * 0008), which must stay able to act on the server's death (a stopped process holds a SIGHUP pending until it is
 * continued; the SIGKILL the guard then sends its group ends stopped processes too). So not SIGSTOP to the group and
 * SIGCONT to the leader: a server killed between the two left the guard stopped and its CLI with it. Answers how many
 * it paused (Linux /proc; 0 where there is none, or nothing runs under `leader`).
 */
export function pauseBelowLeader(leader: number): number {
  let paused = 0;
  for (let below = childrenOf(leader); below.length > 0; ) {
    const next: number[] = [];
    for (const pid of below) {
      signalQuietly(pid, "SIGSTOP");
      paused++;
      next.push(...childrenOf(pid));
    }
    below = next;
  }
  return paused;
}

/** How often {@link pauseBelowLeaderOnceStarted} looks again under a leader that has started nothing yet. */
const PAUSE_RETRY_MS = 20;

/**
 * {@link pauseBelowLeader} for a leader that may not have started its child yet: a pause in the process guard's first
 * milliseconds finds nothing under it, and the CLI it starts a moment later would run on unpaused. So it looks again
 * every {@link PAUSE_RETRY_MS} until it pauses something, or until `isWanted()` turns false (the hold lifted, the
 * leader exited). Resolves with how many it paused (0: it stopped looking).
 */
export function pauseBelowLeaderOnceStarted(leader: number, isWanted: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    const attempt = () => {
      if (!isWanted()) return resolve(0);
      const paused = pauseBelowLeader(leader);
      if (paused > 0) return resolve(paused);
      setTimeout(attempt, PAUSE_RETRY_MS);
    };
    attempt();
  });
}

/** Continues every process of the group `pgid` leads (after {@link pauseBelowLeader}); false when the group is gone. */
export function resumeGroup(pgid: number): boolean {
  return signalGroup(pgid, "SIGCONT");
}

/** The children of every thread of `pid` (a CLI may start a process from any of its threads). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const task of procEntries(`/proc/${pid}/task`)) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ")) if (child.trim()) children.push(Number(child));
    } catch {
      // The thread or the process ended while we looked.
    }
  }
  return children;
}
