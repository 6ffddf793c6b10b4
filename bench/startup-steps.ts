/**
 * Start-up, step by step: a fresh Bun process does what `bin/chatml.ts` does — imports `bin/bundle.ts` and chooses
 * the entry, imports it, calls `run()` (it resolves once the server listens and has printed its sign-in link) — then
 * fetches `/healthz` twice, then `/api/workspaces` once as the owner (the app's first question: it waits for the
 * conversations and the API, ADR 0210). Each step's CPU (all the process's threads, `process.cpuUsage`) and wall time, median and
 * quartiles of BENCH_RUNS processes, and the KB a start parses (the entry and the chunks it imports statically).
 * `bun bench/startup.ts` times the whole start from outside; this says where it goes. CHATML_COMPARE=<checkout>
 * starts another checkout (built) by turns with this one. `bun bench/startup-steps.ts`
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { freePort, REPO_ROOT, tempDir } from "../e2e/harness/index.ts";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { report, round } from "./support/bench-server.ts";
import { isCheckout } from "./support/chatml-entry.ts";
import { percentile } from "./support/proc-stats.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const COMPARE = process.env.CHATML_COMPARE ?? null;
const STEPS = ["choose", "import", "run", "first200", "second200", "firstApi"] as const;
/** `total`: until the first /healthz answer (what a probe sees); `totalToApi`: until the first /api answer (what the app waits for). */
type Steps = Record<(typeof STEPS)[number] | "total" | "totalToApi", { cpu: number; wall: number }> & { entry: string };

/** The child: each step's CPU and wall time, as one JSON line (the server's own output is silenced). */
const CHILD = `const root = process.argv[2], port = Number(process.argv[3]), dataDir = process.argv[4], claudeBin = process.argv[5];
const cpu = () => { const used = process.cpuUsage(); return (used.user + used.system) / 1000; };
const marks = [[cpu(), performance.now()]];
const mark = () => marks.push([cpu(), performance.now()]);
const { chooseEntry } = await import(root + "/bin/bundle.ts");
const entry = chooseEntry(root, process.env);
mark();
const { run } = await import(entry.path);
mark();
const log = console.log;
console.log = () => {};
await run(["--no-open", "--port", String(port), "--data-dir", dataDir, "--claude-bin", claudeBin]);
mark();
for (let i = 0; i < 2; i++) {
  const response = await fetch("http://127.0.0.1:" + port + "/healthz");
  if (response.status !== 200) throw new Error("/healthz answered " + response.status);
  await response.text();
  mark();
}
const token = (await Bun.file(dataDir + "/token").text()).trim();
const api = await fetch("http://127.0.0.1:" + port + "/api/workspaces", { headers: { authorization: "Bearer " + token } });
if (api.status !== 200) throw new Error("/api/workspaces answered " + api.status);
await api.text();
mark();
const names = ${JSON.stringify(STEPS)};
const steps = { entry: entry.kind };
names.forEach((name, i) => (steps[name] = { cpu: marks[i + 1][0] - marks[i][0], wall: marks[i + 1][1] - marks[i][1] }));
steps.total = { cpu: marks[4][0] - marks[0][0], wall: marks[4][1] - marks[0][1] };
steps.totalToApi = { cpu: marks[6][0] - marks[0][0], wall: marks[6][1] - marks[0][1] };
log(JSON.stringify(steps));
process.exit(0);
`;

/** The bytes a start of a checkout's bundle parses: `dist/server/run.js` and the chunks it imports statically. */
export function kbParsedAtStart(root: string): number {
  const dir = join(root, "dist", "server");
  const seen = new Map<string, number>();
  const read = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(join(dir, file), "utf8");
    seen.set(file, Buffer.byteLength(text));
    for (const [, chunk] of text.matchAll(/(?:^|[;\n])import\s*(?:[\w$*{][^;]*?from\s*)?"\.\/([^"]+)"/g)) read(chunk!);
  };
  read("run.js");
  return [...seen.values()].reduce((sum, bytes) => sum + bytes, 0) / 1000;
}

const childScript = join(tempDir("chatml-bench-steps"), "start-steps.ts");
writeFileSync(childScript, CHILD);
const claudeBin = await writeReplayCliBin();

async function startOnce(root: string, dataDir: string): Promise<Steps> {
  const port = await freePort();
  const proc = Bun.spawn([process.execPath, childScript, root, String(port), dataDir, claudeBin], { cwd: root, stdout: "pipe", stderr: "pipe", env: { ...process.env, REPLAY_CLI_VERSION: "2.1.330" } });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`a start of ${root} failed (${code}): ${err}`);
  return JSON.parse(out.trim().split("\n").pop()!) as Steps;
}

const kindOf = (root: string) => (isCheckout(root) ? "checkout" : "no .git");
const checkouts = [{ name: `this checkout (${kindOf(REPO_ROOT)})`, root: REPO_ROOT }, ...(COMPARE ? [{ name: `${COMPARE} (${kindOf(COMPARE)})`, root: COMPARE }] : [])].map((checkout) => ({ ...checkout, dataDir: tempDir("chatml-bench-steps-data"), samples: [] as Steps[] }));
for (const checkout of checkouts) await startOnce(checkout.root, checkout.dataDir); // creates the database; not counted
for (let i = 0; i < RUNS; i++) for (const checkout of checkouts) checkout.samples.push(await startOnce(checkout.root, checkout.dataDir));

const quartiles = (values: number[]) => [25, 50, 75].map((p) => round(percentile(values, p), 1)).join(" / ");
const rows = checkouts.flatMap(({ name, root, samples }) => [
  ...[...STEPS, "total" as const, "totalToApi" as const].map((step) => ({
    checkout: name,
    step,
    "CPU ms p25 / median / p75": quartiles(samples.map((s) => s[step].cpu)),
    "wall ms p25 / median / p75": quartiles(samples.map((s) => s[step].wall)),
  })),
  { checkout: name, step: `KB parsed at start (${samples[0]?.entry ?? "?"})`, "CPU ms p25 / median / p75": round(kbParsedAtStart(root), 1), "wall ms p25 / median / p75": "" },
]);
report(`a start in one process, step by step, ${RUNS} runs each${COMPARE ? ", by turns" : ""} (load ${readFileSync("/proc/loadavg", "utf8").split(" ")[0]})`, rows, { runs: RUNS, checkouts: checkouts.map(({ name, samples }) => ({ name, samples })), dir: dirname(childScript) });
process.exit(0);
