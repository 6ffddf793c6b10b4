/**
 * Start-up: process start → first HTTP 200, ChatML (`bin/chatml.ts`, `/healthz`) beside the floor — a bare
 * `Bun.serve` answering 200 — in the same run. The first ChatML start creates the database (reported apart); the
 * rest reopen it, as every later start does. Median and best of RUNS each, and the CPU time the process used until that
 * 200 (all threads, from /proc; it moves far less than wall time when the machine is shared). `bin/chatml.ts` runs
 * what a user's `bunx chatml` runs: the prebuilt bundle (`bun run build`, ADR 0042) when it is fresh; the same run
 * also starts the sources (`CHATML_SOURCES=1`) beside it, and the packed package (`bun pm pack`, unpacked beside the
 * checkout's dependencies), which is what `bunx chatml` runs: an installed package has no `.git`, so it skips the
 * checkout's comparison of the bundle with its ~440 sources. `bun bench/startup.ts`
 * (CHATML_ROOT=<checkout> measures another checkout with this script; CHATML_COMPARE=<checkout> starts another checkout
 * by turns with this one, e.g. the commit before a change, so both see the same moments of a noisy machine; with
 * both, it also times start → the first `/api/workspaces` answer of the installed package and of the other checkout:
 * what the app waits for before it shows anything, ADR 0210.)
 */
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, REPO_ROOT, tempDir } from "../e2e/harness/index.ts";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { chatmlEntry, isCheckout } from "./support/chatml-entry.ts";
import { report, round } from "./support/bench-server.ts";
import { percentile } from "./support/proc-stats.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ROOT = process.env.CHATML_ROOT ?? REPO_ROOT;
/** Another checkout started run by run beside this one (e.g. the commit before a change): the fairest before/after on a noisy machine. */
const COMPARE = process.env.CHATML_COMPARE ?? null;

type Start = { wall: number; cpu: number };

/** CPU time (ms) all of a process's threads have run so far, from each thread's /proc/<pid>/task/<tid>/schedstat (ns, not 10 ms ticks). */
function cpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
  return ns / 1e6;
}

/** Spawns `argv`, polls `path` until it answers 200, returns the ms since the spawn and the CPU ms used, then stops it. */
async function timeToFirst200(argv: string[], port: number, path: string, env: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Start> {
  const started = performance.now();
  const proc = Bun.spawn(argv, { cwd: ROOT, stdout: "ignore", stderr: "ignore", env: { ...process.env, REPLAY_CLI_VERSION: "2.1.330", ...env } });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}${path}`, { headers }).then((r) => r.status === 200, () => false);
      if (ok) return { wall: performance.now() - started, cpu: cpuMs(proc.pid) };
      if (proc.exitCode !== null) throw new Error(`${argv.join(" ")} exited with ${proc.exitCode}`);
      await Bun.sleep(2);
    }
  } finally {
    proc.kill("SIGTERM");
    await proc.exited;
  }
}

const floorScript = join(tempDir("chatml-bench-floor"), "floor.ts");
writeFileSync(floorScript, `Bun.serve({ hostname: "127.0.0.1", port: Number(process.argv[2]), fetch: () => new Response("ok") });\n`);
const dataDir = tempDir("chatml-bench-start");
const claudeBin = await writeReplayCliBin();
const chatml = async (env: Record<string, string> = {}, script = "bin/chatml.ts", data = dataDir, path = "/healthz") => {
  const port = await freePort();
  // The first /api answer waits for what the app shows first (the conversations, the API): signed in as the owner.
  const headers: Record<string, string> = path.startsWith("/api/") ? { authorization: `Bearer ${readFileSync(join(data, "token"), "utf8").trim()}` } : {};
  return timeToFirst200([process.execPath, script, "--no-open", "--port", String(port), "--data-dir", data, "--claude-bin", claudeBin], port, path, env, headers);
};
/** What the app asks first once signed in (after the page): the time until it answers is the time until the app shows anything. */
const FIRST_API = "/api/workspaces";
const entry = await chatmlEntry(ROOT);
/** Compare like with like: an archive without `.git` skips the checkout's freshness check of its bundle. */
const startsAs = (root: string) => (isCheckout(root) ? "a checkout: checks its bundle is fresh" : "no .git: starts as the installed package does");

/** The package as `bunx chatml` installs it: packed, unpacked, its dependencies beside it (the checkout's, same lockfile). */
function unpackedPackage(): string {
  const packDir = tempDir("chatml-bench-pack");
  const pack = Bun.spawnSync(["bun", "pm", "pack", "--destination", packDir, "--ignore-scripts", "--quiet"], { cwd: ROOT, stderr: "pipe" });
  const tarball = readdirSync(packDir).find((name) => name.endsWith(".tgz"));
  if (pack.exitCode !== 0 || !tarball) throw new Error(`bun pm pack failed: ${pack.stderr.toString()}`);
  if (Bun.spawnSync(["tar", "xzf", join(packDir, tarball), "-C", packDir]).exitCode !== 0) throw new Error(`could not unpack ${tarball}`);
  const packageRoot = join(packDir, "package");
  symlinkSync(join(ROOT, "node_modules"), join(packageRoot, "node_modules"));
  return packageRoot;
}
const installed = entry === "bundle" ? join(unpackedPackage(), "bin", "chatml.ts") : null;
const floor = async () => {
  const port = await freePort();
  return timeToFirst200([process.execPath, floorScript, String(port)], port, "/");
};

const firstStart = await chatml();
const compared = COMPARE ? { script: join(COMPARE, "bin", "chatml.ts"), data: tempDir("chatml-bench-compare") } : null;
if (compared) await chatml({}, compared.script, compared.data); // its first start, not counted
const samples = { floor: [] as Start[], chatml: [] as Start[], sources: [] as Start[], installed: [] as Start[], compared: [] as Start[], installedApi: [] as Start[], comparedApi: [] as Start[] };
// Every round starts each path once, in an order turned by one each round: no path always comes right after the same
// one (the installed package always followed the compared archive's start and stop), so an order effect is shared.
const paths: Array<{ into: Start[]; start: () => Promise<Start> }> = [{ into: samples.floor, start: floor }, { into: samples.chatml, start: () => chatml() }];
if (compared) paths.push({ into: samples.compared, start: () => chatml({}, compared.script, compared.data) });
if (installed) paths.push({ into: samples.installed, start: () => chatml({}, installed) });
// Start → first /api answer, the archive's and the installed package's by turns (both skip the freshness check).
if (compared && installed) paths.push({ into: samples.comparedApi, start: () => chatml({}, compared.script, compared.data, FIRST_API) }, { into: samples.installedApi, start: () => chatml({}, installed, dataDir, FIRST_API) });
if (entry === "bundle") paths.push({ into: samples.sources, start: () => chatml({ CHATML_SOURCES: "1" }) });
for (let i = 0; i < RUNS; i++) {
  for (let k = 0; k < paths.length; k++) {
    const path = paths[(i + k) % paths.length]!;
    path.into.push(await path.start());
  }
}
const median = (starts: Start[], key: keyof Start) => percentile(starts.map((s) => s[key]), 50);
const row = (name: string, starts: Start[]) => ({
  path: name,
  median: round(median(starts, "wall"), 0),
  best: round(Math.min(...starts.map((s) => s.wall)), 0),
  "× floor (median)": round(median(starts, "wall") / median(samples.floor, "wall"), 1),
  "CPU ms (median)": round(median(starts, "cpu"), 0),
});
const rows = [row("bare Bun.serve (floor)", samples.floor), row(`ChatML (${entry})`, samples.chatml), row(`ChatML, first start (new database, ${entry})`, [firstStart])];
if (entry === "bundle") rows.splice(2, 0, row("ChatML, installed package (what bunx chatml runs)", samples.installed), row("ChatML (sources, CHATML_SOURCES=1)", samples.sources));
if (compared) rows.splice(2, 0, row(`ChatML of ${COMPARE}, started by turns with this one (${startsAs(COMPARE!)})`, samples.compared));
if (compared && installed) rows.push(row(`start → first ${FIRST_API} 200, installed package`, samples.installedApi), row(`start → first ${FIRST_API} 200, ${COMPARE}`, samples.comparedApi));
report(`start → first HTTP 200 (ms), ${RUNS} runs each, ${ROOT === REPO_ROOT ? "this checkout" : ROOT}`, rows, { runs: RUNS, entry, samples, firstStart });
process.exit(0);
