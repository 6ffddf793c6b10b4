import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { Page } from "playwright-core";
import { TestRunner, type RunnerTask } from "vitest";
import { launchedBrowsers } from "./browser.ts";
import { REPO_ROOT } from "./chatml.ts";
import { FAILURE_SCREENSHOT_TIMEOUT_MS } from "./failure-context.ts";

/** Where failures' artifacts go: `.artifacts/e2e-failures/`, or `CHATML_E2E_FAILURES_DIR` (the test of these files). */
const FAILURES_DIR = process.env.CHATML_E2E_FAILURES_DIR ?? join(REPO_ROOT, ".artifacts", "e2e-failures");

/**
 * How long one page's capture may take (its screenshot and its text, side by side): a page that hangs must not hold
 * the failure's artifact up, nor run it into the setup file's hook timeout. As long as a test's own failure screenshot.
 */
const PAGE_CAPTURE_TIMEOUT_MS = FAILURE_SCREENSHOT_TIMEOUT_MS;
/** How much of a page's visible text is kept: enough to tell which screen and state it showed, not the whole page. */
const TEXT_CHARS = 1_500;

/**
 * Every page still open in the browsers this test file launched (a closed browser has none), but blank ones: a page
 * that never loaded anything, or the one SignedInDevices keeps per device to forget the app's storage through.
 */
function openPages(): Page[] {
  const contexts = launchedBrowsers.filter((browser) => browser.isConnected()).flatMap((browser) => browser.contexts());
  return contexts.flatMap((context) => context.pages()).filter((page) => !page.isClosed() && page.url() !== "about:blank");
}

/** `work`'s answer, or `late` once `ms` have passed (what it answers later is dropped; a rejection says why). */
function within(work: Promise<string>, ms: number, late: string): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(late), ms)));
  const answer = work.catch((error: unknown) => `(failed: ${String(error).split("\n")[0]})`);
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}

/**
 * What a page showed, as text: on the app's pages, its top-level headings, open dialogs and alerts (outside it), then its screen
 * (`main`) — the body's text began with the sidebar's every entry, and the 1,500 characters kept ended before the
 * screen did; elsewhere the body's text. Blank lines dropped, cut to `TEXT_CHARS`.
 */
function pageText(): string {
  const main = document.querySelector("main");
  if (!main) return document.body.innerText;
  // Those in the screen are in its text already.
  const outside = (selector: string) => [...document.querySelectorAll<HTMLElement>(selector)].filter((e) => !main.contains(e));
  const shown = (selector: string) => outside(selector).map((e) => e.getAttribute("aria-label") ?? e.innerText.trim()).filter(Boolean);
  const facts: [string, string[]][] = [["headings", shown("h1")], ["dialogs", shown("[role=dialog]")], ["alerts", shown("[role=alert]")]];
  return [...facts.filter(([, values]) => values.length > 0).map(([name, values]) => `${name}: ${values.join(" | ")}`), main.innerText].join("\n");
}

async function visibleText(page: Page): Promise<string> {
  const text = (await page.evaluate(pageText)).replace(/\n\s*\n/g, "\n").trim();
  return text.length > TEXT_CHARS ? `${text.slice(0, TEXT_CHARS)}…` : text || "(no text)";
}

/** One page's screenshot to `path`, and what the artifact says of it: its URL, the screenshot's file, its text. */
async function capturePage(page: Page, path: string): Promise<string> {
  const seconds = PAGE_CAPTURE_TIMEOUT_MS / 1000;
  const [shot, text] = await Promise.all([
    within(page.screenshot({ path, timeout: PAGE_CAPTURE_TIMEOUT_MS }).then(() => `screenshot: ${basename(path)}`), PAGE_CAPTURE_TIMEOUT_MS, `screenshot: (not taken in ${seconds} s)`),
    within(visibleText(page), PAGE_CAPTURE_TIMEOUT_MS, `(its text was not read in ${seconds} s)`),
  ]);
  return [page.url(), shot, text].join("\n");
}

/**
 * What a failed test's pages showed: each page still open in the file's browsers is captured to `<base>.page-<n>.png`
 * and named, with its URL and visible text, in one section (null when no page is open). The pages are captured side by
 * side, each for `PAGE_CAPTURE_TIMEOUT_MS` at most; one that cannot be captured says so and the others still are.
 */
async function capturePages(base: string): Promise<string | null> {
  const pages = openPages();
  if (pages.length === 0) return null;
  mkdirSync(FAILURES_DIR, { recursive: true });
  const described = await Promise.all(pages.map((page, index) => capturePage(page, `${base}.page-${index + 1}.png`)));
  return `--- the pages open when it failed ---\n${described.map((page, index) => `page ${index + 1}: ${page}`).join("\n\n")}`;
}

/**
 * The path of a failure's artifacts without their endings: `<dir>/<file> -- <title>`, `title` the test's name (or
 * "hooks of …" for a suite's hooks), made safe as a file name.
 * @example writeFileSync(`${failureArtifactBase(task, task.name)}.txt`, text);
 */
export function failureArtifactBase(task: RunnerTask, title: string): string {
  return join(FAILURES_DIR, `${basename(task.file.name)} -- ${title}`.replace(/[^\w. -]+/g, "_").slice(0, 180));
}

/** The pages' section of each failed test whose pages were captured before its own hooks or `finally` closed them. */
const keptPages = new WeakMap<RunnerTask, Promise<string | null>>();

function captureFor(task: RunnerTask, title: string): Promise<string | null> {
  return capturePages(failureArtifactBase(task, title)).catch((error: unknown) => `--- the pages open when it failed ---\n(not captured: ${String(error)})`);
}

/**
 * Captures the running test's pages now, for its failure's artifact: what closes pages calls it before closing them
 * when the test has failed (an afterEach, SignedInDevices.closePages), or a test's `catch` before its `finally` closes
 * them. Once per test; outside a test it does nothing.
 * @example try { … } catch (error) { await keepPagesOfFailure(); throw error; } finally { await devices.closePages(); }
 */
export async function keepPagesOfFailure(): Promise<void> {
  const test = TestRunner.getCurrentTest();
  if (!test) return;
  if (!keptPages.has(test)) keptPages.set(test, captureFor(test, test.name));
  await keptPages.get(test);
}

/** Whether the running test has failed already: its afterEach hooks (and what they close) run after its error. */
export function hasRunningTestFailed(): boolean {
  return TestRunner.getCurrentTest()?.result?.state === "fail";
}

/**
 * The pages' section of a failure's artifact: the one kept before its pages were closed, or the pages open now (null
 * when none is).
 */
export function pagesOfFailure(task: RunnerTask, title: string): Promise<string | null> {
  return keptPages.get(task) ?? captureFor(task, title);
}
