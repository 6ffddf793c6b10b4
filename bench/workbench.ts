/**
 * The workbench in headless Chromium against the real server: time from a click to seeing a 5,000-line diff (every
 * line of a 5,000-line TypeScript file changed: 10,000 diff lines, word changes and highlighting), scrolling through
 * it, and time to open a 1 MB file in the editor — each beside a floor measured in the same run and page: a one-line
 * diff, a three-line file, and the frame time of the idle page. `bun bench/workbench.ts` (needs `bunx vite build`;
 * BENCH_WORKBENCH_RUNS to change the number of warm runs, default 5).
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser, REPO_ROOT, startChatml, tempDir } from "../e2e/harness/index.ts";
import { commitFile, makeTempRepo } from "../server/git/test-support.ts";
import { writeReplayCliBin } from "../server/claude/fixtures/replay-cli/replay-cli-bin.ts";
import { api } from "./support/bridge-client.ts";
import { percentile } from "./support/proc-stats.ts";
import { report, round } from "./support/bench-server.ts";
import { clickUntilVisible, idleFrames, scrollThrough } from "./workbench/measure.ts";

const RUNS = Number(process.env.BENCH_WORKBENCH_RUNS ?? 5);
const DIFF_LINES = 5_000;
if (!existsSync(join(REPO_ROOT, "dist/web/index.html"))) throw new Error("Build the web app first: bunx vite build");

const bigFileLines = (bytes: number) => {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const line = `export const entry${i} = { id: ${i}, name: "item-${i}", tags: ["alpha", "beta"], isActive: ${i % 2 === 0} };`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
};
const numbered = (count: number, text: (i: number) => string) => Array.from({ length: count }, (_, i) => text(i + 1)).join("\n") + "\n";
const megabyte = bigFileLines(1_000_000);

const repo = await makeTempRepo("chatml-bench-wb-");
await commitFile(repo, "big-diff.ts", numbered(DIFF_LINES, (i) => `export const value${i} = computeValue(${i}, "original text of line ${i}");`));
await commitFile(repo, "tiny-diff.ts", "export const a = 1;\nexport const b = 2;\nexport const c = 3;\n");
await commitFile(repo, "megabyte.ts", `${megabyte.join("\n")}\n`);
await commitFile(repo, "small.ts", "export const first = 1;\nexport const second = 2;\nexport const third = 3;\n");

const server = await startChatml({ dataDir: tempDir("chatml-bench-wb-data"), claudeBin: await writeReplayCliBin(), env: { ...(process.env as Record<string, string>) } });
const target = { origin: server.origin, token: server.token };
const { workspace } = await api<{ workspace: { id: string } }>(target, "/api/workspaces", { path: repo });
const { session } = await api<{ session: { id: string; cwd: string } }>(target, "/api/sessions", { workspaceId: workspace.id, name: "bench" });
const conversationId = await taskConversation(session.id);
writeFileSync(join(session.cwd, "big-diff.ts"), numbered(DIFF_LINES, (i) => `export const value${i} = computeValue(${i} * 2, "changed text of line ${i}");`));
writeFileSync(join(session.cwd, "tiny-diff.ts"), "export const a = 1;\nexport const b = 20;\nexport const c = 3;\n");

const browser = await launchBrowser();
const rows: Record<string, string | number>[] = [];
const json: Record<string, unknown> = { diffLines: DIFF_LINES * 2, fileBytes: megabyte.join("\n").length + 1, runs: RUNS };
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page.waitForURL((url) => url.search === "", { timeout: 20_000 });

  const diff = (path: string, text: string) => async () => {
    await freshWorkbench(page);
    return clickUntilVisible(page, { listLabel: "Changed files", buttonText: path, selector: `[aria-label="Diff of ${path}"] [data-diff-line]`, text });
  };
  const file = (path: string, text: string) => async () => {
    await freshWorkbench(page);
    await page.getByRole("tab", { name: "Files" }).click();
    await page.getByRole("searchbox", { name: "Go to file" }).fill(path);
    await page.getByRole("list", { name: "Matching files" }).getByRole("button", { name: path }).waitFor();
    return clickUntilVisible(page, { listLabel: "Matching files", buttonText: path, selector: ".cm-content", text });
  };
  const floorDiff = await timings(diff("tiny-diff.ts", "b = 20"));
  const bigDiff = await timings(diff("big-diff.ts", `value1 = computeValue(1, "original`));
  const scroll = await scrollThrough(page, { scroller: '[aria-label="Diff of big-diff.ts"]', steps: 120, pixels: 400, selector: '[aria-label="Diff of big-diff.ts"] [data-diff-line]', lastText: `value${DIFF_LINES} =` });
  const idle = await idleFrames(page, 100);
  const floorFile = await timings(file("small.ts", "export const first"));
  const bigFile = await timings(file("megabyte.ts", "entry0 ="));
  const editorScroll = await scrollThrough(page, { scroller: ".cm-scroller", steps: 120, pixels: 400, selector: ".cm-content", lastText: `entry${megabyte.length - 1} =` });

  const row = (what: string, floor: Timings, measured: Timings) => ({
    measure: what,
    "floor cold ms": round(floor.cold, 0),
    "floor warm p50 ms": round(floor.p50, 0),
    "cold ms": round(measured.cold, 0),
    "warm p50 ms": round(measured.p50, 0),
    "warm max ms": round(measured.max, 0),
    "× floor (warm p50)": round(measured.p50 / floor.p50, 1),
  });
  rows.push(row(`click → ${DIFF_LINES}-line file's diff on screen (floor: 1-line diff)`, floorDiff, bigDiff));
  rows.push(row("click → 1 MB file in the editor (floor: 3-line file)", floorFile, bigFile));
  const frameRow = (what: string, frames: number[], toEnd: number) => ({
    measure: what,
    "frame p50 ms": round(percentile(frames, 50), 1),
    "frame p95 ms": round(percentile(frames, 95), 1),
    "frame max ms": round(Math.max(...frames), 1),
    "× idle frame p95": round(percentile(frames, 95) / percentile(idle, 95), 1),
    "jump to last line ms": round(toEnd, 0),
  });
  const frameRows = [
    frameRow("idle page (floor)", idle, 0),
    frameRow("fling the 10,000-line diff, 400 px a frame for 120 frames", scroll.frames, scroll.toEndMs),
    frameRow("fling the 1 MB file, 400 px a frame for 120 frames", editorScroll.frames, editorScroll.toEndMs),
  ];
  Object.assign(json, { floorDiff, bigDiff, floorFile, bigFile, idleFrames: idle, diffScroll: scroll, editorScroll, frameRows });
  report("workbench (headless Chromium, 1440×900)", rows, json);
  console.table(frameRows);
} catch (error) {
  await browser.contexts()[0]?.pages()[0]?.screenshot({ path: join(REPO_ROOT, ".artifacts", "bench-workbench-failure.png") });
  throw error;
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);

type Timings = { cold: number; p50: number; max: number; warm: number[] };

/** The first (cold: lazy chunks and languages load) and then RUNS warm measurements. */
async function timings(measure: () => Promise<number>): Promise<Timings> {
  const cold = await measure();
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await measure());
  return { cold, p50: percentile(warm, 50), max: Math.max(...warm), warm };
}

/** Reloads the session with no tab open, so every measurement starts from the Changes list. */
async function freshWorkbench(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.removeItem("chatml.workbench"));
  await page.goto(`${server.origin}/#/c/${conversationId}`);
  await page.reload();
  await page.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /tiny-diff\.ts/ }).waitFor({ timeout: 30_000 });
}

async function taskConversation(sessionId: string): Promise<string> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await Bun.sleep(200)) {
    const { session: s } = await api<{ session: { setup: { status: string } | null } }>(target, `/api/sessions/${sessionId}`);
    if ((s.setup?.status ?? "ready") !== "ready") continue;
    const { conversations } = await api<{ conversations: { id: string; kind: string }[] }>(target, `/api/conversations?sessionId=${sessionId}`);
    const task = conversations.find((c) => c.kind === "task");
    if (task) return task.id;
  }
  throw new Error("the session never became ready");
}
