import type { Page } from "playwright-core";

/**
 * What a failed test's artifact should show beside its errors, registered by what a test file started: a fake API's
 * recent requests, a terminal's screen. Read when a test or hook fails (failure-artifacts.ts), never otherwise.
 */
interface FailureContext {
  label: string;
  read: () => string | Promise<string>;
}

/**
 * The contexts of this test file. A worker runs many files and keeps their modules (`isolate: false`, ADR 0214), so
 * the setup file forgets the previous file's at each file's start (forgetFailureContexts).
 */
const contexts: FailureContext[] = [];

/**
 * Keeps `read` to be called if a test of this file fails; returns a function that forgets it.
 * @example keepOnFailure("fake API", () => describeRequests(api.requests));
 */
export function keepOnFailure(label: string, read: FailureContext["read"]): () => void {
  const context = { label, read };
  contexts.push(context);
  return () => {
    const index = contexts.indexOf(context);
    if (index >= 0) contexts.splice(index, 1);
  };
}

/** Forgets every context kept so far: what an earlier file registered tells nothing of this file's failure. */
export function forgetFailureContexts(): void {
  contexts.length = 0;
}

/** How long one context may take to read: a page that hangs must not hide the failure behind a hook timeout. */
const READ_TIMEOUT_MS = 5_000;

/** Each kept context read now, as `--- label ---` sections; one that cannot be read says why. */
export async function readFailureContexts(): Promise<string[]> {
  return Promise.all(
    contexts.map(async ({ label, read }) => {
      const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(`(not read in ${READ_TIMEOUT_MS / 1000} s)`), READ_TIMEOUT_MS).unref?.());
      const text = await Promise.race([Promise.resolve().then(read), timeout]).catch((error: unknown) => `(could not be read: ${String(error)})`);
      return `--- ${label} ---\n${text}`;
    }),
  );
}

/** The text of every terminal screen `page` shows (xterm's rows), for a test whose failure a terminal explains. */
export async function terminalScreens(page: Page): Promise<string> {
  if (page.isClosed()) return "(the page is closed)";
  const screens = await page.getByTestId("terminal-screen").locator(".xterm-rows").allInnerTexts();
  return screens.length === 0 ? "(no terminal on the page)" : screens.join("\n--- next terminal ---\n");
}

/**
 * Runs `onFailure` (screenshots for people to look at) after `error` failed a test. If it fails too (a page that timed
 * out once often times out again) that is only noted on `error`, which the caller throws: the report must show what
 * failed first, not the failure screenshot's own timeout (00f3f4a's jobs-ui showed only that).
 * @example catch (error) { await afterFailure(error, () => page.screenshot({ path })); throw error; }
 */
export async function afterFailure(error: unknown, onFailure: () => Promise<unknown>): Promise<void> {
  await onFailure().catch((later: unknown) => {
    if (error instanceof Error) error.message += `\n(then, on the way out: ${String(later).split("\n")[0]})`;
  });
}

/** A screenshot after a failure is worth a short wait only: the test has failed already. */
export const FAILURE_SCREENSHOT_TIMEOUT_MS = 10_000;

/**
 * A screenshot of a page a test failed on, for `FAILURE_SCREENSHOT_TIMEOUT_MS` at most (a page's own default is 30 s,
 * and a timeout is taken once more); when it is not taken, the error says which screenshot and why.
 * @example afterEach(async ({ task }) => { if (task.result?.state === "fail") await failureScreenshot(page, path); });
 */
export async function failureScreenshot(page: Pick<Page, "screenshot">, path: string): Promise<void> {
  await page.screenshot({ path, timeout: FAILURE_SCREENSHOT_TIMEOUT_MS }).catch((shotError: unknown) => {
    throw new Error(`the failure screenshot ${path} was not taken: ${String(shotError).split("\n")[0]}`);
  });
}

/**
 * Runs `steps`; if they throw, takes a screenshot of `page` to `path` and throws the steps' error (afterFailure).
 * @example await screenshotOnFailure(page, join(SHOTS, "jobs-ui-failure.png"), async () => { … });
 */
export async function screenshotOnFailure<T>(page: Pick<Page, "screenshot">, path: string, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    await afterFailure(error, () => failureScreenshot(page, path));
    throw error;
  }
}
