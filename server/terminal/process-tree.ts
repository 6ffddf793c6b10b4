import { readdirSync, readFileSync } from "node:fs";

/** `started` tells a process from a later one given the same pid (Linux: its start time in clock ticks). */
type ProcessRow = { pid: number; ppid: number; sid: number | null; started: string };
/** The processes of a family, pid → when it started. */
export type Family = Map<number, string>;

/**
 * Every process a terminal started: those in the PTY's session (the shell leads it, so its pid is the session id;
 * background jobs get process groups of their own but stay in the session, even after the shell is gone) and the
 * shell's descendants (a child that made a session of its own), while the shell lives. Nothing outside that family.
 */
export function processFamily(rootPid: number, isRootAlive: boolean): Family {
  const rows = listProcesses();
  const family: Family = new Map();
  // Once the shell has exited its pid may belong to another process: only the session (whose id stays taken while a
  // member lives) still names what the terminal started.
  for (const row of rows) if (row.sid === rootPid || (isRootAlive && row.pid === rootPid)) family.set(row.pid, row.started);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (family.has(row.ppid) && !family.has(row.pid)) {
        family.set(row.pid, row.started);
        grew = true;
      }
    }
  }
  family.delete(process.pid);
  return family;
}

/** The members of `family` still alive (the same processes, not later ones given a freed pid). */
export function survivors(family: Family): number[] {
  return listProcesses()
    .filter((row) => family.get(row.pid) === row.started)
    .map((row) => row.pid);
}

/** Sends `signal` to each pid that still exists; a pid that has gone is no error. */
export function signalEach(pids: Iterable<number>, signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // It ended meanwhile.
    }
  }
}

function listProcesses(): ProcessRow[] {
  return process.platform === "linux" ? fromProc() : fromPs();
}

/** Linux: /proc/<pid>/stat gives the parent and the session; zombies are left out. */
function fromProc(): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // it ended while we read
    }
    // pid (comm) state ppid pgrp session …; comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z") continue;
    rows.push({ pid: Number(name), ppid: Number(fields[1]), sid: Number(fields[3]), started: fields[19] ?? "" });
  }
  return rows;
}

/** Elsewhere (macOS): `ps` gives parents but no portable session id, so the family is the descendants. */
function fromPs(): ProcessRow[] {
  const result = Bun.spawnSync(["ps", "-A", "-o", "pid=,ppid=,stat=,lstart="], { stdout: "pipe", stderr: "ignore" });
  return result.stdout
    .toString()
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 3 && !fields[2]?.startsWith("Z"))
    .map(([pid, ppid, , ...started]) => ({ pid: Number(pid), ppid: Number(ppid), sid: null, started: started.join(" ") }));
}
