/**
 * Page lag: streams a long markdown answer (1 MiB by default) through the real server into headless Chromium and
 * reports how long after the server sent its last delta the page shows the end of the answer, with the long tasks
 * the page ran meanwhile. The floor, measured in the same run and browser: a bare page on the same socket that appends
 * each delta to one text node. The server's last delta is timed by a socket in this process (as a second device).
 * Run: `bun bench/page-lag.ts [--kib 1024] [--rate 1000] [--delta 100] [--shape mixed|fence|paragraph|list] [--size 1440x900]`
 * (`--shot-streaming file.png [--scroll-up px]`: a screenshot at ~60 % of the stream, scrolled back by px first)
 * (needs `bunx vite build` and Chromium). `--shape fence|paragraph|list` makes the answer one block that stays open to
 * the end (a code fence, a paragraph, a tight list) instead of many small blocks.
 */
import { existsSync, writeFileSync } from "node:fs";
import { chmod } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { PROTOCOL_VERSION } from "../shared/protocol/version.ts";
import { chromium } from "playwright-core";
import { CHROMIUM_PATH, REPO_ROOT, startChatml, tempDir } from "../e2e/harness/index.ts";
import { MARKER_PREFIX, SHAPES, type Shape } from "./page-lag/markdown-text.ts";
import { floorPage, installProbe, type ProbeResult } from "./page-lag/page-probe.ts";
import { report, round, waitIdle } from "./support/bench-server.ts";
import { api, openSocket, sendText } from "./support/bridge-client.ts";

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const kib = arg("kib", 1024);
const rate = arg("rate", 1000);
const deltaBytes = arg("delta", 100);
const option = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? (process.argv[process.argv.indexOf(`--${name}`) + 1] as string) : fallback);
const shape = option("shape", "mixed") as Shape;
if (!SHAPES.includes(shape)) throw new Error(`--shape is one of ${SHAPES.join(", ")}`);
const [width, height] = option("size", "1440x900").split("x").map(Number) as [number, number];
/** `--profile <file>`: a CPU profile of the ChatML page while it streams (open it in Chrome's DevTools). */
const profilePath = process.argv.includes("--profile") ? process.argv[process.argv.indexOf("--profile") + 1] : undefined;
if (!existsSync(join(REPO_ROOT, "dist/web/index.html"))) throw new Error("Build the web app first: bunx vite build");

const claudeBin = join(tempDir("chatml-page-lag-cli"), "claude");
writeFileSync(claudeBin, `#!/bin/sh\nexec "${process.execPath}" "${join(import.meta.dirname, "page-lag", "markdown-cli.ts")}" "$@"\n`);
await chmod(claudeBin, 0o755);
const server = await startChatml({ dataDir: tempDir("chatml-page-lag-data"), claudeBin, env: { ...(process.env as Record<string, string>) } });
// The floor page is served by the test (route.fulfill), which Chromium treats as public: let it open the local socket.
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-features=LocalNetworkAccessChecks"],
});

/** `--timeout <s>`: how long to wait for the page to show the end (default 600 s); past it, the lag is reported as a bound. */
const timeoutMs = arg("timeout", 600) * 1000;

type Run = {
  page: string;
  serverSeconds: number;
  lagMs: number | string;
  longTasks: number;
  longTaskMs: number;
  longestTaskMs: number;
  /** Long tasks from the end on screen until the answer is settled (no open block, no block plain) and 2 s more. */
  afterEndMs: string;
  historyKiB: number;
};

/** One answer streamed while `page` watches; the lag is from this process's socket seeing the marker to the page showing it. */
async function streamInto(page: Page, label: string, id: string): Promise<Run> {
  // The message names only the nonce (the user's message shows on the page); the answer ends with the whole marker.
  const nonce = crypto.randomUUID().replaceAll("-", "");
  const marker = `${MARKER_PREFIX}${nonce}`;
  await page.evaluate(installProbe, marker);
  let firstDeltaAt = 0;
  let serverEndAt = 0;
  const socket = await openSocket(server, [id], (frame) => {
    if (frame.type !== "delta" || frame.event.type !== "message.part.delta") return;
    firstDeltaAt ||= Date.now();
    if (frame.event.delta.includes(marker)) serverEndAt = Date.now();
  });
  await sendText(server, id, `markdown ${kib * 1024} ${rate} ${deltaBytes} ${nonce} ${shape}`);
  let probe: ProbeResult | undefined;
  // `--shot-streaming <file>`: the page at about 60 % of the stream (e.g. a long code fence still being written).
  const shotStreaming = label.startsWith("ChatML") ? option("shot-streaming", "") : "";
  const streamingShotAt = Date.now() + ((kib * 1024) / deltaBytes / rate) * 600;
  let isShotTaken = !shotStreaming;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await Bun.sleep(250)) {
    probe = await page.evaluate(() => window.__probe);
    if (!isShotTaken && Date.now() >= streamingShotAt) {
      isShotTaken = true;
      // `--scroll-up <px>`: the reader scrolls back that far first (what is above the end must not show blank).
      const scrollUp = arg("scroll-up", 0);
      if (scrollUp) {
        await page.getByTestId("timeline").hover();
        await page.mouse.wheel(0, -scrollUp);
        await Bun.sleep(1000);
      }
      await page.screenshot({ path: shotStreaming });
    }
    if (probe?.shownAt && serverEndAt) break;
  }
  const gaveUpAt = Date.now();
  if (probe?.shownAt) {
    await page.waitForFunction(() => document.querySelector(".md-open, .md .whitespace-pre-wrap") === null, undefined, { timeout: 120_000, polling: 250 }).catch(() => undefined);
    await Bun.sleep(2000);
    probe = await page.evaluate(() => window.__probe);
  }
  socket.close();
  await waitIdle(server, [id]);
  if (!serverEndAt) throw new Error(`${label}: the server never sent the end of the answer`);
  const history = await fetch(`${server.origin}/api/conversations/${id}/history`, { headers: { authorization: `Bearer ${server.token}` } });
  return {
    page: label,
    serverSeconds: round((serverEndAt - firstDeltaAt) / 1000, 2),
    lagMs: probe?.shownAt ? Math.round(probe.shownAt - serverEndAt) : `> ${gaveUpAt - serverEndAt} (not shown)`,
    longTasks: probe?.longTasks ?? 0,
    longTaskMs: Math.round(probe?.longTaskMs ?? 0),
    longestTaskMs: Math.round(probe?.longestTaskMs ?? 0),
    afterEndMs: `${Math.round(probe?.afterEnd.longTaskMs ?? 0)} (longest ${Math.round(probe?.afterEnd.longestTaskMs ?? 0)})`,
    historyKiB: round((await history.arrayBuffer()).byteLength / 1024),
  };
}

async function startProfile(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  return {
    stop: async (file: string) => writeFileSync(file, JSON.stringify((await cdp.send("Profiler.stop")).profile)),
  };
}

/** `--trace <file>`: a Chrome trace (devtools timeline: style, layout, paint, scripts) of the ChatML page while it streams. */
const tracePath = process.argv.includes("--trace") ? process.argv[process.argv.indexOf("--trace") + 1] : undefined;

async function startTrace(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute", transferMode: "ReportEvents" });
  return {
    stop: async (file: string) => {
      const done = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
      await cdp.send("Tracing.end");
      await done;
      writeFileSync(file, JSON.stringify({ traceEvents: events }));
    },
  };
}

async function newConversation(): Promise<{ id: string; lastSeq: number }> {
  const { conversation } = await api<{ conversation: { id: string } }>(server, "/api/start", { path: tempDir("chatml-page-lag-work") });
  await sendText(server, conversation.id, "hello");
  await waitIdle(server, [conversation.id]);
  const { conversation: settled } = await api<{ conversation: { lastSeq: number } }>(server, `/api/conversations/${conversation.id}`);
  return { id: conversation.id, lastSeq: settled.lastSeq };
}

try {
  const context = await browser.newContext({ viewport: { width, height }, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 30_000 });

  const floor = await newConversation();
  await page.route(`${server.origin}/bench-floor`, (route) => route.fulfill({ contentType: "text/html", body: floorPage(floor.id, floor.lastSeq, PROTOCOL_VERSION) }));
  await page.goto(`${server.origin}/bench-floor`);
  await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true);
  const floorRun = await streamInto(page, "floor: bare page, one text node", floor.id);

  const chat = await newConversation();
  await page.goto(`${server.origin}/#/c/${chat.id}`);
  await page.getByRole("textbox", { name: /Message/ }).waitFor({ timeout: 30_000 });
  await page.getByText("Hello there.").first().waitFor({ timeout: 30_000 });
  const profiler = profilePath ? await startProfile(page) : null;
  const tracer = tracePath ? await startTrace(page) : null;
  const chatRun = await streamInto(page, "ChatML conversation screen", chat.id);
  if (profiler && profilePath) await profiler.stop(profilePath);
  if (tracer && tracePath) await tracer.stop(tracePath);
  // `--shot <file>`: how the end of the answer looks once streamed (to compare with a page opened from history).
  if (process.argv.includes("--shot")) {
    // After the stream the open block renders whole (highlighted) in a later render: wait for it.
    await page.waitForFunction(() => document.querySelector(".md-open") === null, undefined, { timeout: 120_000 }).catch(() => undefined);
    await page.screenshot({ path: process.argv[process.argv.indexOf("--shot") + 1] as string });
  }

  const answerKiB = kib;
  report(`page lag (${answerKiB} KiB markdown answer, shape ${shape}, ${rate} deltas/s of ~${deltaBytes} B, ${width}×${height})`, [floorRun, chatRun], {
    answerKiB, shape, rate, deltaBytes, floor: floorRun, chatml: chatRun, lagOverFloorMs: typeof chatRun.lagMs === "number" && typeof floorRun.lagMs === "number" ? chatRun.lagMs - floorRun.lagMs : null,
  });
} finally {
  await browser.close();
  await server.stop();
}
