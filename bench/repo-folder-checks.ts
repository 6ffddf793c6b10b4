/**
 * What the check before every turn, "is this folder a repository's top?" (ADR 0041, 0065, 0330), costs the server in
 * three kinds of folder no checkpoint is taken in: a plain folder two levels below / (as the benches' conversations
 * have), one six levels below, and a folder inside another repository (a monorepo's package, a home folder kept in a
 * dotfiles repository). Two checkouts' `RepoFolders` side by side in one process, by turns: CPU µs per check (median
 * of 15 runs of 4,000 checks; 40 in the repository, where a check may spawn git) and, for the repository, wall ms.
 * `CHATML_ROOT=<a checkout to compare with> bun bench/repo-folder-checks.ts`
 */
import { mkdirSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, tempDir } from "../e2e/harness/index.ts";
import { report, round } from "./support/bench-server.ts";

type Folders = { gitDirOf(cwd: string): Promise<string | null> };
const roots = { before: process.env.CHATML_ROOT, after: REPO_ROOT };
if (!roots.before) throw new Error("CHATML_ROOT=<a checkout to compare with> is needed");
const checkers = await Promise.all(Object.values(roots).map(async (root) => (await import(join(root!, "server/core/checkpoints/repo-folders.ts"))).RepoFolders as new () => Folders));

// Folders last changed a minute ago, as a folder between two turns is (ADR 0330 remembers none changed within 2 s).
const old = new Date(Date.now() - 60_000);
const aged = (dir: string) => (mkdirSync(dir, { recursive: true }), utimesSync(dir, old, old), dir);
const plain = Array.from({ length: 20 }, () => aged(tempDir("bench-plain")));
const deepRoot = tempDir("bench-deep");
const deep = Array.from({ length: 20 }, (_, i) => aged(join(deepRoot, "home", "user", "projects", "client", `p${i}`)));
const repo = tempDir("bench-monorepo");
Bun.spawnSync(["git", "init", "-q", repo]);
const inside = Array.from({ length: 20 }, (_, i) => aged(join(repo, "packages", `p${i}`)));

async function timed(folders: Folders, dirs: string[], rounds: number): Promise<{ cpuUs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const dir of dirs) await folders.gitDirOf(dir);
  const used = process.cpuUsage(cpu);
  return { cpuUs: (used.user + used.system) / (rounds * dirs.length), wallMs: (performance.now() - start) / (rounds * dirs.length) };
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows: Record<string, string | number>[] = [];
for (const [kind, dirs, rounds] of [["plain, /tmp/x", plain, 200], ["plain, six levels down", deep, 200], ["inside another repository", inside, 2]] as const) {
  const instances = checkers.map((Checker) => new Checker());
  for (const folders of instances) await timed(folders, dirs, 1); // warm: the first check of each folder is never remembered
  const runs = instances.map(() => [] as { cpuUs: number; wallMs: number }[]);
  for (let run = 0; run < 15; run++) for (const [i, folders] of instances.entries()) runs[i]!.push(await timed(folders, dirs, rounds));
  for (const [i, name] of Object.keys(roots).entries()) {
    rows.push({ folder: kind, checkout: name, "CPU µs / check": round(median(runs[i]!.map((r) => r.cpuUs)), 1), "wall ms / check": round(median(runs[i]!.map((r) => r.wallMs)), 3) });
  }
}
report("the repository check before a turn, by kind of folder", rows, { rows, roots });
process.exit(0);
