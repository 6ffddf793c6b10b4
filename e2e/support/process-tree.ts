/** Process facts for fault tests (Linux `ps`): what a server started, and whether any of it still runs. */

type PsRow = { pid: number; ppid: number; pgid: number; state: string; command: string };

function ps(): PsRow[] {
  const out = Bun.spawnSync(["ps", "-eo", "pid=,ppid=,pgid=,stat=,args="]).stdout.toString();
  return out
    .split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .filter((match): match is RegExpMatchArray => match !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), state: m[4] ?? "", command: m[5] ?? "" }));
}

/** Every live descendant of `root` (not counting zombies). */
export function descendants(root: number): PsRow[] {
  const rows = ps().filter((row) => !row.state.startsWith("Z"));
  const found: PsRow[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = rows.filter((row) => frontier.includes(row.ppid));
    found.push(...children);
    frontier = children.map((row) => row.pid);
  }
  return found;
}

/** The live processes among `pids`, or in process groups `pgids` (orphans keep their group). */
export function stillAlive(pids: number[], pgids: number[]): PsRow[] {
  return ps().filter((row) => !row.state.startsWith("Z") && (pids.includes(row.pid) || pgids.includes(row.pgid)));
}
