/**
 * How much of the idle goal (issue 16: RSS ≤ 45 MiB) the runtime itself takes: a ladder of bare Bun programs, each
 * doing one more thing every ChatML server must do (serve HTTP; open SQLite in WAL and write to it; spawn a child and
 * read its pipe; answer a WebSocket; import the chosen libraries zod and hono), measured as ChatML's idle is (2 s after
 * start, no forced collection), beside ChatML's idle after a later start in the same run. Each RSS is split into
 * private memory and file-backed pages (mostly the Bun executable's). Median of BENCH_RUNS (3) runs per rung.
 * `bun bench/runtime-floor.ts` (CHATML_ROOT=<checkout> for another checkout's server).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { REPO_ROOT, startChatml, tempDir } from "../e2e/harness/index.ts";
import { report, round } from "./support/bench-server.ts";
import { memoryOf, type Memory } from "./support/proc-stats.ts";

const ROOT = process.env.CHATML_ROOT ?? REPO_ROOT;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);


const RUNGS = [
  "Bun.serve (HTTP only)",
  "+ bun:sqlite in WAL, 200 inserts and a page read",
  "+ a spawned child's stdout read, a WebSocket echoed",
  "+ zod and hono imported (and a schema parsed, a route answered)",
] as const;

/** One program for every rung: `rung` says how far up the ladder it goes. Prints "ready" once it has done it all. */
const PROGRAM = `
const rung = Number(process.argv[2]);
const dir = process.argv[3];
if (rung >= 1) {
  const { Database } = await import("bun:sqlite");
  const db = new Database(dir + "/floor.sqlite", { create: true });
  db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE IF NOT EXISTS e(id INTEGER PRIMARY KEY, p TEXT)");
  const insert = db.prepare("INSERT INTO e(p) VALUES (?)");
  for (let i = 0; i < 200; i++) insert.run(JSON.stringify({ i, text: "x".repeat(200) }));
  db.prepare("SELECT * FROM e ORDER BY id DESC LIMIT 50").all();
}
let app = null;
if (rung >= 3) {
  const { z } = await import(process.argv[4]);
  const { Hono } = await import(process.argv[5]);
  z.object({ id: z.string(), n: z.number() }).parse({ id: "a", n: 1 });
  app = new Hono().get("/", (c) => c.text("ok"));
}
const server = Bun.serve({
  hostname: "127.0.0.1", port: 0,
  fetch(req, srv) { if (srv.upgrade(req)) return; return app ? app.fetch(req) : new Response("ok"); },
  websocket: { message(ws, m) { ws.send(m); } },
});
await fetch("http://127.0.0.1:" + server.port + "/").then((r) => r.text());
if (rung >= 2) {
  const child = Bun.spawn(["sh", "-c", "echo hi"], { stdout: "pipe" });
  await new Response(child.stdout).text();
  await child.exited;
  const ws = new WebSocket("ws://127.0.0.1:" + server.port + "/");
  await new Promise((r) => (ws.onopen = r));
  ws.send("x");
  await new Promise((r) => (ws.onmessage = r));
  ws.close();
}
console.log("ready");
await new Promise(() => {});
`;

async function rungMemory(script: string, rung: number): Promise<Memory> {
  const dir = tempDir("chatml-bench-runtime-floor");
  // The versions of zod and hono ChatML ships, by path: the program lives in a temp folder with no node_modules.
  const libraries = [Bun.resolveSync("zod", REPO_ROOT), Bun.resolveSync("hono", REPO_ROOT)];
  const proc = Bun.spawn([process.execPath, script, String(rung), dir, ...libraries], { stdout: "pipe", stderr: "inherit" });
  try {
    const reader = proc.stdout.getReader();
    let out = "";
    while (!out.includes("ready")) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`rung ${rung} exited before it was ready`);
      out += new TextDecoder().decode(value);
    }
    await Bun.sleep(2000);
    return memoryOf(proc.pid);
  } finally {
    proc.kill();
    await proc.exited;
  }
}

async function chatmlIdle(): Promise<Memory> {
  const env = { ...(process.env as Record<string, string>), REPLAY_CLI_VERSION: "2.1.330" };
  const start = async (dataDir: string) => startChatml({ dataDir, claudeBin: await writeReplayCliBin(), env, script: join(ROOT, "bin", "chatml.ts") });
  const dataDir = tempDir("chatml-bench-runtime-floor-chatml");
  await (await start(dataDir)).stop();
  const server = await start(dataDir);
  try {
    await Bun.sleep(2000);
    return memoryOf(server.proc.pid);
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianMemory = (samples: Memory[]): Memory => ({
  rss: median(samples.map((m) => m.rss)),
  anon: median(samples.map((m) => m.anon)),
  file: median(samples.map((m) => m.file)),
});

const script = join(tempDir("chatml-bench-runtime-floor-script"), "rung.ts");
writeFileSync(script, PROGRAM);
const rows: Record<string, string | number>[] = [];
const figures: Record<string, Memory> = {};
for (const [rung, name] of RUNGS.entries()) {
  const samples: Memory[] = [];
  for (let run = 0; run < RUNS; run++) samples.push(await rungMemory(script, rung));
  figures[name] = medianMemory(samples);
}
const chatmlSamples: Memory[] = [];
for (let run = 0; run < RUNS; run++) chatmlSamples.push(await chatmlIdle());
figures["ChatML, idle after a later start"] = medianMemory(chatmlSamples);
for (const [measure, m] of Object.entries(figures)) {
  rows.push({ measure, "RSS MiB": round(m.rss), "private (anon) MiB": round(m.anon), "file-backed MiB": round(m.file) });
}
report(`the runtime's own idle memory, median of ${RUNS} (${ROOT === REPO_ROOT ? "this checkout" : ROOT})`, rows, { runs: RUNS, figures });
process.exit(0);
