/**
 * What SQLite's WAL checkpoints cost the event loop (issue 16, ADR 0147): the server's database, written in commits at a
 * streaming pace (BENCH_COMMITS = 400 a second of BENCH_BYTES = 6,000 bytes: ~2.4 MB/s of rows, ~6 MB/s of log pages, as
 * 20 turns ending together write their parts, events and search rows), for BENCH_SECONDS in each of three modes, by
 * turns, BENCH_ROUNDS times:
 * - floor: no checkpoint at all while it runs (the log only grows; what a server could do without a log to copy);
 * - on the loop: SQLite's default, a commit past 1,000 pages of log copies it into the database file, with its syncs;
 * - worker: wal-checkpoints.ts, a thread of its own copies it, the server's commits only past the backstop.
 * Per mode: commit time p99 / p99.9 / max, the loop's gaps over 4 ms (count, longest), the log's largest size.
 * `bun bench/wal-checkpoints.ts` (BENCH_SECONDS, BENCH_ROUNDS to change the sizes).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../server/persistence/db.ts";
import { WalCheckpoints } from "../server/persistence/wal-checkpoints.ts";
import { report, round } from "./support/bench-server.ts";
import { percentile } from "./support/proc-stats.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const COMMITS_PER_SECOND = Number(process.env.BENCH_COMMITS ?? 400);
const BYTES = Number(process.env.BENCH_BYTES ?? 6000);
const MODES = ["floor", "on the loop", "worker"] as const;
type Mode = (typeof MODES)[number];

async function run(mode: Mode): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), "chatml-bench-wal-"));
  const path = join(dir, "chatml.db");
  const db = openDatabase(path);
  db.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, conversation TEXT NOT NULL, payload TEXT NOT NULL); CREATE INDEX filler_conversation ON filler (conversation)");
  if (mode === "floor") db.walAutocheckpoint(0);
  // The worker starts as soon as the log exists: the bench times the steady state, not the first megabyte.
  const checkpoints = mode === "worker" ? new WalCheckpoints(db, { startAfterBytes: 0, pollMs: 10 }) : null;
  checkpoints?.start();
  const payload = "x".repeat(BYTES);
  const commits: number[] = [];
  const gaps: number[] = [];
  let largestLog = 0;
  let last = performance.now();
  const watcher = setInterval(() => {
    const now = performance.now();
    if (now - last > 4) gaps.push(now - last);
    last = now;
  }, 1);
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < SECONDS * 1000) {
    // Commits due by now, one loop turn at a time, as CLI chunks arrive.
    const due = Math.floor(((performance.now() - started) / 1000) * COMMITS_PER_SECOND);
    for (; sent < due; sent++) {
      const at = performance.now();
      db.transaction(() => db.run("INSERT INTO filler (conversation, payload) VALUES ($conversation, $payload)", { conversation: `c${sent % 20}`, payload }));
      commits.push(performance.now() - at);
    }
    largestLog = Math.max(largestLog, statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0);
    await Bun.sleep(1);
  }
  clearInterval(watcher);
  await checkpoints?.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    mode,
    commits: commits.length,
    "commit p99 ms": round(percentile(commits, 99), 3),
    "commit p99.9 ms": round(percentile(commits, 99.9), 2),
    "commit max ms": round(Math.max(...commits), 1),
    "loop gaps > 4 ms": gaps.length,
    "longest gap ms": round(Math.max(0, ...gaps), 1),
    "largest log MiB": round(largestLog / 1048576, 1),
  };
}

const rows: Record<string, string | number>[] = [];
for (let r = 0; r < ROUNDS; r++) for (const mode of r % 2 === 0 ? MODES : [...MODES].reverse()) rows.push({ round: r + 1, ...(await run(mode)) });
report(`WAL checkpoints: ${COMMITS_PER_SECOND} commits/s of ${BYTES} bytes for ${SECONDS} s per mode, load ${loadavg().map((n) => n.toFixed(1)).join(" ")}`, rows, { rows });
process.exit(0);
