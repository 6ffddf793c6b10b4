/**
 * Benchmark: opens a 10,000-message conversation with large tool outputs in headless Chromium.
 * Builds it with the real persistence layer, serves it with the real server (bin/chatml.ts), and prints time to first
 * render, the history request, JS heap and DOM size, and older-page loads, as a table and JSON.
 * Run: `bun bench/large-conversation.ts [--messages 10000]` (needs `bunx vite build` and Chromium).
 */
import "./support/bench-temp-dir.ts";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, REPO_ROOT, startChatml, tempDir } from "../e2e/harness/index.ts";
import { pageMetrics, scrollOlder } from "./large-conversation/measure.ts";
import { seedLargeConversation } from "./large-conversation/seed.ts";

const count = Number(process.argv[process.argv.indexOf("--messages") + 1]) || 10_000;
if (!existsSync(join(REPO_ROOT, "dist/web/index.html"))) throw new Error("Build the web app first: bunx vite build");

const dataDir = tempDir("chatml-bench-data");
const folder = tempDir("chatml-bench-work");
mkdirSync(dataDir, { recursive: true });
const seeded = seedLargeConversation(join(dataDir, "chatml.db"), folder, count);
const server = await startChatml({ dataDir, claudeBin: "/bin/false", env: { ...process.env } as Record<string, string> });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page.getByRole("textbox", { name: "Folder path" }).or(page.getByRole("textbox", { name: "Message" })).first().waitFor({ timeout: 20_000 });
  let historyMs = 0;
  page.on("requestfinished", (request) => {
    if (request.url().includes("/history") && historyMs === 0) historyMs = Math.round(request.timing().responseEnd);
  });
  const started = performance.now();
  await page.goto(`${server.origin}/#/c/${seeded.conversationId}`);
  await page.getByTestId("message-assistant").last().waitFor({ timeout: 30_000 });
  const firstRenderMs = Math.round(performance.now() - started);
  const opened = await pageMetrics(page);
  const olderPages = await scrollOlder(page, 5);
  const afterScroll = await pageMetrics(page);
  const result = {
    messages: seeded.messages, events: seeded.events, seedMs: Math.round(seeded.ms), toolOutputMb: Math.round(seeded.toolOutputBytes / 1024 / 1024),
    firstRenderMs, historyRequestMs: historyMs, jsHeapMbOpened: opened.jsHeapMb, domNodesOpened: opened.domNodes,
    olderPageMs: olderPages, jsHeapMbAfter5Pages: afterScroll.jsHeapMb, domNodesAfter5Pages: afterScroll.domNodes,
  };
  console.table(Object.entries(result).map(([metric, value]) => ({ metric, value: Array.isArray(value) ? value.join(", ") : value })));
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.stop();
}
